package io.opal.primitives.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Stateless reads over real OP Sepolia witnesses: the state trie at the parent's state root, loaded
 * lazily from the witness (each node checked against its hash), yields the accounts every OP block
 * touches — the L1Block predeploy written by the L1-info deposit and that deposit's sender — and
 * their storage roots and code resolve from the same witness.
 */
class WitnessTrieTest {
  private static final Address L1_BLOCK =
      Address.fromHex("0x4200000000000000000000000000000000000015");
  private static final Address L1_INFO_DEPOSITOR =
      Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");

  @TestFactory
  Stream<DynamicTest> accountsTouchedByEveryBlock() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles("op-execution")) {
      tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }
    return tests.stream();
  }

  private static void check(Path file) {
    JsonNode json = Fixtures.readJson(file);
    Map<Hash, byte[]> witness = new HashMap<>();
    json.get("witness")
        .fields()
        .forEachRemaining(
            e -> witness.put(Hash.fromHex(e.getKey()), Hex.decode(e.getValue().asText())));
    Hash stateRoot = Hash.fromHex(json.get("parent_header").get("stateRoot").asText());
    SecureTrie state = SecureTrie.fromSource(stateRoot, TrieNodeSource.of(witness));

    Account l1Block = Account.decode(state.get(L1_BLOCK.toArray()).orElseThrow());
    assertTrue(witness.containsKey(l1Block.codeHash()), "the L1Block code is in the witness");
    // The L1-info deposit rewrites slot 0 of L1Block (the L1 block number, packed with the
    // timestamp): the path to it is in the witness, and the slot holds a value.
    SecureTrie storage = SecureTrie.fromSource(l1Block.storageRoot(), TrieNodeSource.of(witness));
    byte[] slot0 = storage.get(new byte[32]).orElseThrow();
    assertTrue(slot0.length > 1, "slot 0 holds an RLP-encoded non-zero word");
    List<Hash> loaded = new ArrayList<>();
    storage.trie().forEachNode((hash, node) -> loaded.add(hash));
    assertTrue(loaded.contains(l1Block.storageRoot()));

    Account depositor = Account.decode(state.get(L1_INFO_DEPOSITOR.toArray()).orElseThrow());
    assertTrue(depositor.nonce() > 0, "the depositor has sent deposits before");

    // Every node the reads touched came from the witness, and the root is unchanged.
    state.trie().forEachNode((hash, node) -> assertTrue(witness.containsKey(hash), "node " + hash));
    assertEquals(stateRoot, state.rootHash());
  }

  /** The account RLP of the state trie: [nonce, balance, storageRoot, codeHash]. */
  private record Account(long nonce, Hash storageRoot, Hash codeHash) {
    static Account decode(byte[] rlp) {
      RlpReader fields = RlpReader.of(rlp).enterList();
      long nonce = fields.readLong("nonce");
      fields.readUInt256("balance");
      Account a = new Account(nonce, fields.readHash(), fields.readHash());
      fields.finish();
      return a;
    }
  }
}
