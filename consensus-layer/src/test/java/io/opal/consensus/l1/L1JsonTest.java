package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.testing.DecoderFuzzer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** JSON-RPC objects into verified types: strict quantities, hash checks, only decoding errors. */
class L1JsonTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static BlockHeader pragueHeader() {
    return BlockHeader.builder()
        .parentHash(Hash.keccak(new byte[] {1}))
        .beneficiary(Address.fromHex("0x00000000000000000000000000000000000000ff"))
        .stateRoot(Hash.keccak(new byte[] {2}))
        .number(19_000_000)
        .gasLimit(36_000_000)
        .gasUsed(12_345_678)
        .timestamp(1_750_000_000)
        .extraData(Bytes.fromHexString("0x6265617665726275696c64"))
        .mixHash(Hash.keccak(new byte[] {3}))
        .baseFeePerGas(7)
        .withdrawalsRoot(Hash.EMPTY_TRIE)
        .blobGasUsed(131_072)
        .excessBlobGas(0)
        .parentBeaconBlockRoot(Hash.keccak(new byte[] {4}))
        .requestsHash(Hash.keccak(new byte[] {5}))
        .build();
  }

  /** The header as a node would write it. */
  static ObjectNode json(BlockHeader h) {
    ObjectNode o = JSON.createObjectNode();
    o.put("hash", h.hash().toString());
    o.put("parentHash", h.parentHash().toString());
    o.put("sha3Uncles", h.ommersHash().toString());
    o.put("miner", h.beneficiary().toString());
    o.put("stateRoot", h.stateRoot().toString());
    o.put("transactionsRoot", h.transactionsRoot().toString());
    o.put("receiptsRoot", h.receiptsRoot().toString());
    o.put("logsBloom", h.logsBloom().bytes().toHexString());
    o.put("difficulty", "0x0");
    o.put("number", "0x" + Long.toHexString(h.number()));
    o.put("gasLimit", "0x" + Long.toHexString(h.gasLimit()));
    o.put("gasUsed", "0x" + Long.toHexString(h.gasUsed()));
    o.put("timestamp", "0x" + Long.toHexString(h.timestamp()));
    o.put("extraData", h.extraData().toHexString());
    o.put("mixHash", h.mixHash().toString());
    o.put("nonce", h.nonce().toHexString());
    o.put("baseFeePerGas", "0x" + Long.toHexString(h.baseFeePerGas().getAsLong()));
    o.put("withdrawalsRoot", h.withdrawalsRoot().orElseThrow().toString());
    o.put("blobGasUsed", "0x" + Long.toHexString(h.blobGasUsed().getAsLong()));
    o.put("excessBlobGas", "0x" + Long.toHexString(h.excessBlobGas().getAsLong()));
    o.put("parentBeaconBlockRoot", h.parentBeaconBlockRoot().orElseThrow().toString());
    o.put("requestsHash", h.requestsHash().orElseThrow().toString());
    o.put("totalDifficulty", "0x0"); // fields outside the header are ignored
    return o;
  }

  @Test
  void headerWithEveryPragueField() {
    BlockHeader h = pragueHeader();
    L1Header decoded = L1Json.header(json(h));
    assertEquals(h, decoded.header());
    assertEquals(h.hash(), decoded.hash());
  }

  @Test
  void headerChecks() {
    ObjectNode changed = json(pragueHeader()).put("gasUsed", "0x1");
    assertTrue(
        assertThrows(DecodingException.class, () -> L1Json.header(changed))
            .getMessage()
            .contains("hash mismatch"));
    ObjectNode gap = json(pragueHeader());
    gap.remove("parentBeaconBlockRoot");
    assertTrue(
        assertThrows(DecodingException.class, () -> L1Json.header(gap))
            .getMessage()
            .contains("inconsistent header"));
    ObjectNode missing = json(pragueHeader());
    missing.remove("stateRoot");
    assertTrue(
        assertThrows(DecodingException.class, () -> L1Json.header(missing))
            .getMessage()
            .contains("stateRoot"));
    assertThrows(
        DecodingException.class,
        () -> L1Json.header(json(pragueHeader()).put("logsBloom", "0x00")));
    assertThrows(DecodingException.class, () -> L1Json.header(JSON.createArrayNode()));
  }

  @Test
  void quantitiesAreStrictAboutFormAndRange() {
    ObjectNode o = JSON.createObjectNode();
    assertEquals(0, JsonFields.quantityValue(o.textNode("0x0"), "q"));
    assertEquals(
        255, JsonFields.quantityValue(o.textNode("0x00ff"), "q"), "leading zeros are tolerated");
    assertEquals(
        -1L, JsonFields.quantityValue(o.textNode("0xffffffffffffffff"), "q"), "unsigned 64-bit");
    for (String bad : List.of("0x", "ff", "0x1g", "0x10000000000000000", "", "0x-1")) {
      assertThrows(
          DecodingException.class, () -> JsonFields.quantityValue(o.textNode(bad), "q"), bad);
    }
    assertThrows(DecodingException.class, () -> JsonFields.quantityValue(o.numberNode(5), "q"));
    assertEquals(
        UInt256.MAX_VALUE, JsonFields.uint256Value(o.textNode("0x" + "f".repeat(64)), "q"));
    assertThrows(
        DecodingException.class,
        () -> JsonFields.uint256Value(o.textNode("0x1" + "0".repeat(64)), "q"));
    assertThrows(DecodingException.class, () -> JsonFields.dataValue(o.textNode("0x123"), "d"));
    assertThrows(DecodingException.class, () -> JsonFields.hashValue(o.textNode("0x1234"), "h"));
    assertThrows(
        DecodingException.class,
        () -> JsonFields.addressValue(o.textNode("0x" + "00".repeat(32)), "a"));
  }

  @Test
  void receiptAndLogObjects() throws IOException {
    String receipt =
        """
        {"type":"0x2","status":"0x1","cumulativeGasUsed":"0xa410","logsBloom":"%s",
         "logs":[{"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["%s"],"data":"0x01",
                  "blockHash":"%s","blockNumber":"0x7","transactionHash":"%s","transactionIndex":"0x1",
                  "logIndex":"0x0","removed":false}],
         "transactionHash":"%s","transactionIndex":"0x1","blockHash":"%s","blockNumber":"0x7",
         "gasUsed":"0x5208","effectiveGasPrice":"0x3b9aca07","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
         "to":"0x5fbdb2315678afecb367f032d93f642f64180aa3","contractAddress":null}
        """
            .formatted(
                Bloom.EMPTY.bytes().toHexString(),
                Hash.ZERO,
                Hash.keccak(new byte[] {7}),
                Hash.keccak(new byte[] {8}),
                Hash.keccak(new byte[] {8}),
                Hash.keccak(new byte[] {7}));
    L1Receipt r = L1Json.receipt(JSON.readTree(receipt));
    assertTrue(r.succeeded());
    assertEquals(42_000, r.receipt().cumulativeGasUsed());
    assertEquals(21_000, r.gasUsed());
    assertEquals(1, r.logs().size());
    assertEquals(Bytes.of(1), r.logs().getFirst().log().data());
    assertTrue(r.contractAddress().isEmpty());
    assertThrows(
        DecodingException.class,
        () ->
            L1Json.receipt(
                JSON.readTree(receipt.replace("\"status\":\"0x1\"", "\"status\":\"0x2\""))));
  }

  @Test
  void depositTransactionsAsOpNodesReportThem() throws IOException {
    io.opal.primitives.tx.DepositTransaction expected =
        new io.opal.primitives.tx.DepositTransaction(
            Hash.keccak(new byte[] {1}),
            Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001"),
            java.util.Optional.of(Address.fromHex("0x4200000000000000000000000000000000000015")),
            UInt256.ZERO,
            UInt256.ZERO,
            1_000_000,
            false,
            Bytes.fromHexString("0x098999be"));
    String json =
        """
        {"type":"0x7e","sourceHash":"%s","from":"0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001",
         "to":"0x4200000000000000000000000000000000000015","mint":"0x0","value":"0x0","gas":"0xf4240",
         "isSystemTx":false,"input":"0x098999be","nonce":"0x5","hash":"%s"}
        """
            .formatted(Hash.keccak(new byte[] {1}), expected.hash());
    assertEquals(expected, JsonTransactions.transaction(JSON.readTree(json)));
    String wrongHash = json.replace(expected.hash().toString(), Hash.ZERO.toString());
    assertThrows(
        DecodingException.class, () -> JsonTransactions.transaction(JSON.readTree(wrongHash)));
    String unknownType = json.replace("\"0x7e\"", "\"0x7f\"");
    assertThrows(
        DecodingException.class, () -> JsonTransactions.transaction(JSON.readTree(unknownType)));
  }

  /** Bytes as JSON (a parse failure is a decoding error too), then one decoder. */
  static Object parseThen(byte[] in, java.util.function.Function<JsonNode, ?> decoder) {
    JsonNode node;
    try {
      node = JSON.readTree(in);
    } catch (IOException e) {
      throw new DecodingException(-1, "not JSON");
    }
    return decoder.apply(node == null ? JSON.nullNode() : node);
  }

  @Test
  void fuzzedObjectsOnlyRaiseDecodingErrors() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(JSON.writeValueAsBytes(json(pragueHeader())));
    ObjectNode block = json(pragueHeader());
    block.putArray("transactions");
    block.putArray("withdrawals");
    assertEquals(0, L1Json.block(block).transactions().size());
    seeds.add(JSON.writeValueAsBytes(block));
    DecoderFuzzer.Stats headers =
        new DecoderFuzzer(21)
            .run("L1Json.header", in -> parseThen(in, L1Json::header), seeds, 10_000);
    DecoderFuzzer.Stats blocks =
        new DecoderFuzzer(22)
            .run("L1Json.block", in -> parseThen(in, L1Json::block), seeds, 10_000);
    DecoderFuzzer.Stats receipts =
        new DecoderFuzzer(23)
            .run("L1Json.receipt", in -> parseThen(in, L1Json::receipt), seeds, 5_000);
    assertTrue(headers.accepted() > 0 && headers.rejected() > 0, headers.toString());
    assertTrue(blocks.rejected() > 0, blocks.toString());
    assertTrue(receipts.rejected() > 0, receipts.toString());
  }
}
