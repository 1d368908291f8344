package io.opal.primitives.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.testing.Fixtures;
import io.opal.primitives.trie.OrderedTrie;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real OP Sepolia headers (Holocene era, geth JSON naming) from the op-execution fixtures. The
 * files are consecutive blocks, so each file's {@code parent_header} is the block the previous file
 * builds: its hash must be that file's {@code expected_block_hash}, and its transactions root must
 * be the root of that file's payload transactions (deposits included).
 */
class OpSepoliaHeaderTest {

  @TestFactory
  Stream<DynamicTest> consecutiveBlocks() {
    List<Path> files = Fixtures.jsonFiles("op-execution");
    List<JsonNode> blocks = files.stream().map(Fixtures::readJson).toList();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String name = files.get(i).getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name + ": parent header", () -> checkHeader(block)));
      if (i + 1 < blocks.size()) {
        JsonNode next = blocks.get(i + 1);
        tests.add(
            DynamicTest.dynamicTest(name + ": built block", () -> checkBuiltBlock(block, next)));
      }
    }
    assertTrue(tests.size() >= 7, "expected the four op-execution files");
    return tests.stream();
  }

  private static void checkHeader(JsonNode file) {
    BlockHeader header = HeaderJson.parse(file.get("parent_header"));
    byte[] rlp = header.encode();
    assertEquals(header, BlockHeader.decode(rlp));
    assertArrayEquals(rlp, BlockHeader.decode(rlp).encode());
    // A Holocene header: Cancun's fields, an empty withdrawals list, no requests hash.
    assertEquals(Hash.EMPTY_TRIE, header.withdrawalsRoot().orElseThrow());
    assertTrue(header.parentBeaconBlockRoot().isPresent());
    assertTrue(header.requestsHash().isEmpty());
  }

  /** {@code next}'s parent header is the block {@code file} describes. */
  private static void checkBuiltBlock(JsonNode file, JsonNode next) {
    BlockHeader built = HeaderJson.parse(next.get("parent_header"));
    BlockHeader parent = HeaderJson.parse(file.get("parent_header"));
    assertEquals(Hash.fromHex(file.get("expected_block_hash").asText()), built.hash());
    assertEquals(parent.hash(), built.parentHash());
    JsonNode payload = file.get("executing_payload");
    assertEquals(
        HeaderJson.quantity(payload, "timestamp").longValueExact(), built.timestamp(), "timestamp");
    assertEquals(
        HeaderJson.quantity(payload, "gasLimit").longValueExact(), built.gasLimit(), "gas limit");
    assertEquals(Hash.fromHex(payload.get("prevRandao").asText()), built.prevRandao());
    assertEquals(
        Hash.fromHex(payload.get("parentBeaconBlockRoot").asText()),
        built.parentBeaconBlockRoot().orElseThrow());
    assertEquals(
        Address.fromHex(payload.get("suggestedFeeRecipient").asText()), built.beneficiary());
    List<byte[]> transactions = new ArrayList<>();
    payload.get("transactions").forEach(t -> transactions.add(Hex.decode(t.asText())));
    assertEquals((byte) 0x7e, transactions.get(0)[0], "the L1-info deposit comes first");
    assertEquals(built.transactionsRoot(), OrderedTrie.root(transactions), "transactions root");
  }
}
