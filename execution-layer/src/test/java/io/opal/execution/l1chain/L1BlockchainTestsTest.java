package io.opal.execution.l1chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.Word256;
import io.opal.execution.store.BlockState;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.Block;
import io.opal.primitives.testing.Fixtures;
import io.opal.storage.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/tests BlockchainTests (all Cancun in the fixture snapshot) imported through {@link
 * L1Chain} on an in-memory {@code ChainDatabase}: genesis from {@code pre} and {@code genesisRLP},
 * each block executed with {@link L1BlockExecutor} and committed; blocks marked {@code
 * expectException} must be refused; the head must end at {@code lastblockhash}.
 */
class L1BlockchainTestsTest {
  private static final String ROOT = "ethereum-tests/BlockchainTests";

  /**
   * Vectors not run, each with its reason. Ethereum's L1 rules here start at Cancun: every other
   * network is skipped by {@link #supported}.
   */
  private static final Map<String, String> SKIPPED = Map.of();

  @TestFactory
  Stream<DynamicTest> blockchainTests() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles(ROOT)) {
      JsonNode all = Fixtures.readJson(file);
      Iterator<Map.Entry<String, JsonNode>> it = all.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = file.getParent().getFileName() + "/" + e.getKey();
        JsonNode t = e.getValue();
        if (!supported(t) || SKIPPED.containsKey(e.getKey())) {
          continue;
        }
        tests.add(DynamicTest.dynamicTest(name, () -> run(t)));
      }
    }
    return tests.stream();
  }

  private static boolean supported(JsonNode t) {
    return "Cancun".equals(t.path("network").asText());
  }

  private static void run(JsonNode t) {
    L1Rules rules = L1Rules.cancun(1);
    Block genesisBlock = Block.decode(Hex.decode(t.get("genesisRLP").asText()));
    BlockState state = preState(t.get("pre"));
    L1Chain chain =
        L1Chain.open(
            InMemoryKeyValueStore.create(), rules, () -> new L1Genesis(genesisBlock, state), 0, 0);
    for (JsonNode b : t.get("blocks")) {
      boolean invalid = b.has("expectException");
      Block block;
      try {
        block = Block.decode(Hex.decode(b.get("rlp").asText()));
      } catch (DecodingException | IllegalArgumentException e) {
        if (invalid) {
          continue;
        }
        throw new AssertionError("a valid block does not decode: " + e.getMessage(), e);
      }
      if (invalid) {
        assertThrows(
            Exception.class,
            () -> chain.importBlock(block),
            "block #" + block.number() + " should be refused: " + b.get("expectException"));
      } else {
        try {
          chain.importBlock(block);
        } catch (Exception e) {
          fail("block #" + block.number() + " refused: " + e.getMessage(), e);
        }
      }
    }
    assertEquals(
        Hash.fromHex(t.get("lastblockhash").asText()), chain.head().hash(), "last block hash");
  }

  static BlockState preState(JsonNode pre) {
    BlockState state = BlockState.empty();
    List<AccountUpdate> updates = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = pre.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = e.getValue();
      byte[] code = Hex.decode(a.get("code").asText());
      Map<Word256, Word256> storage = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> s = a.get("storage").fields();
      while (s.hasNext()) {
        Map.Entry<String, JsonNode> slot = s.next();
        storage.put(word(slot.getKey()), word(slot.getValue().asText()));
      }
      updates.add(
          new AccountUpdate.Updated(
              Address.fromHex(e.getKey()),
              new AccountState(
                  number(a.get("nonce").asText()).longValueExact(),
                  UInt256.valueOf(number(a.get("balance").asText())),
                  code.length == 0 ? Hash.EMPTY : Hash.keccak(code)),
              code.length == 0 ? Optional.empty() : Optional.of(code),
              false,
              storage));
    }
    state.apply(updates);
    return state;
  }

  private static Word256 word(String hex) {
    return Word256.fromUInt256(UInt256.valueOf(number(hex)));
  }

  private static BigInteger number(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    return h.isEmpty() ? BigInteger.ZERO : new BigInteger(h, 16);
  }
}
