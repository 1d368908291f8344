package io.opal.execution.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.testing.Fixtures;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Stateless state on real OP Sepolia witnesses (the op-execution fixtures): the L1Block predeploy,
 * which every block's L1-info deposit writes, resolves with its code and slots from the witness
 * alone; rewriting its slots with their own values keeps the parent's state root, writing another
 * value changes it; a witness without the root node fails naming that node.
 */
class StatelessWitnessTest {
  private static final Address L1_BLOCK =
      Address.fromHex("0x4200000000000000000000000000000000000015");

  @TestFactory
  Stream<DynamicTest> opSepoliaWitnesses() {
    return Fixtures.jsonFiles("op-execution").stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) {
    JsonNode fixture = Fixtures.readJson(file);
    Hash root = Hash.fromHex(fixture.get("parent_header").get("stateRoot").asText());
    Map<Hash, byte[]> witness = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = fixture.get("witness").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      witness.put(Hash.fromHex(e.getKey()), Hex.decode(e.getValue().asText()));
    }

    BlockState state = BlockState.stateless(root, witness);
    AccountState l1Block = state.account(L1_BLOCK).orElseThrow();
    assertEquals(l1Block.codeHash(), Hash.keccak(state.code(l1Block.codeHash())));
    assertTrue(state.hasStorage(L1_BLOCK));
    // Slots 0..3 hold the L1 block number, timestamp, base fee and hash (L1Block's layout).
    Map<Word256, Word256> same = new HashMap<>();
    for (int slot = 0; slot < 4; slot++) {
      same.put(Word256.of(slot), state.storage(L1_BLOCK, Word256.of(slot)));
    }
    assertTrue(same.values().stream().anyMatch(v -> !v.isZero()), "L1Block holds values");
    state.apply(List.of(update(l1Block, same)));
    assertEquals(root, state.stateRoot(), "rewriting equal values changes nothing");

    Map<Word256, Word256> changed = new HashMap<>(same);
    changed.put(Word256.of(0), Word256.of(1));
    state.apply(List.of(update(l1Block, changed)));
    assertNotEquals(root, state.stateRoot());

    Map<Hash, byte[]> withoutRoot = new HashMap<>(witness);
    withoutRoot.remove(root);
    BlockState broken = BlockState.stateless(root, withoutRoot);
    MissingStateException e =
        assertThrows(MissingStateException.class, () -> broken.account(L1_BLOCK));
    assertEquals(root, e.hash());
  }

  private static AccountUpdate update(AccountState state, Map<Word256, Word256> storage) {
    return new AccountUpdate.Updated(L1_BLOCK, state, Optional.empty(), false, storage);
  }
}
