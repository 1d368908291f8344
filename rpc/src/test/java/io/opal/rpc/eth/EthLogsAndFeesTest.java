package io.opal.rpc.eth;

import static io.opal.rpc.eth.EthFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Hash;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.primitives.tx.TxType;
import io.opal.rpc.ChainReader.ChainReceipt;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** eth_getLogs filtering and limits, the tip oracle, eth_gasPrice and eth_feeHistory. */
class EthLogsAndFeesTest {

  static String token() {
    return q(EthFixture.TOKEN.toString());
  }

  @Test
  void logsByAddressTopicsAndBlockHash() {
    try (EthFixture f = new EthFixture()) {
      JsonNode byAddress =
          f.result("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"address\":" + token() + "}]");
      assertEquals(2, byAddress.size());
      assertEquals("0x0", byAddress.get(0).get("logIndex").asText());
      assertEquals("0x2", byAddress.get(1).get("logIndex").asText());
      assertEquals("0x3", byAddress.get(1).get("transactionIndex").asText());
      assertEquals(
          f.withAccessList.hash().toString(), byAddress.get(1).get("transactionHash").asText());
      assertEquals(
          List.of(
              "address",
              "topics",
              "data",
              "blockNumber",
              "transactionHash",
              "transactionIndex",
              "blockHash",
              "blockTimestamp",
              "logIndex",
              "removed"),
          EthChainMethodsTest.keyOrder(byAddress.get(0)));

      String transfer = q(EthFixture.TRANSFER_TOPIC.toString());
      String third = q(Hash.keccak(new byte[] {3}).toString());
      JsonNode byTopics =
          f.result(
              "eth_getLogs",
              "[{\"fromBlock\":\"earliest\",\"toBlock\":\"latest\",\"topics\":["
                  + transfer
                  + ",["
                  + third
                  + "]]}]");
      assertEquals(1, byTopics.size());
      assertEquals("0x02", byTopics.get(0).get("data").asText());
      // A null inside a position's alternatives is a wildcard; so is a null position.
      assertEquals(
          2,
          f.result(
                  "eth_getLogs",
                  "[{\"fromBlock\":\"0x1\",\"topics\":[" + transfer + ",[null," + third + "]]}]")
              .size());
      assertEquals(
          2, f.result("eth_getLogs", "[{\"fromBlock\":\"0x1\",\"topics\":[null,null]}]").size());
      assertEquals(
          3, f.result("eth_getLogs", "[{\"fromBlock\":\"0x1\",\"topics\":[null]}]").size());
      // More positions than a log has topics: no match.
      assertEquals(
          0,
          f.result("eth_getLogs", "[{\"fromBlock\":\"0x1\",\"topics\":[null,null,null]}]").size());
      JsonNode byHash =
          f.result(
              "eth_getLogs",
              "[{\"blockHash\":"
                  + q(f.block1.hash().toString())
                  + ",\"address\":["
                  + q(EthFixture.B.toString())
                  + "]}]");
      assertEquals(1, byHash.size());
      assertEquals("0x1", byHash.get(0).get("logIndex").asText());
      // Default range is the latest block alone, which has no logs.
      assertEquals(0, f.result("eth_getLogs", "[{}]").size());
    }
  }

  @Test
  void bloomSkipsBlocksWithoutReadingReceipts() {
    try (EthFixture f = new EthFixture()) {
      f.node.receiptReads.set(0);
      String absent = q("0x" + "99".repeat(20));
      assertEquals(
          0,
          f.result("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"address\":" + absent + "}]").size());
      assertEquals(0, f.node.receiptReads.get());
    }
  }

  @Test
  void logQueryLimitsAndErrors() {
    EthConfig small =
        new EthConfig(
            50_000_000,
            java.time.Duration.ofSeconds(5),
            UInt256.ZERO,
            false,
            2,
            1,
            1024,
            UInt256.ONE,
            UInt256.MAX_VALUE);
    try (EthFixture f = new EthFixture(small)) {
      JsonNode range = f.call("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"0x2\"}]");
      assertEquals(-32005, range.get("error").get("code").asInt());
      assertEquals("query exceeds max block range 2", range.get("error").get("message").asText());
      JsonNode many = f.call("eth_getLogs", "[{\"fromBlock\":\"0x1\",\"toBlock\":\"0x2\"}]");
      assertEquals(-32005, many.get("error").get("code").asInt());
      assertEquals("query returned more than 1 results", many.get("error").get("message").asText());
      assertEquals(
          "invalid block range params",
          f.call("eth_getLogs", "[{\"fromBlock\":\"0x2\",\"toBlock\":\"0x1\"}]")
              .get("error")
              .get("message")
              .asText());
      assertTrue(
          f.call(
                  "eth_getLogs",
                  "[{\"blockHash\":" + q(f.block1.hash().toString()) + ",\"fromBlock\":\"0x1\"}]")
              .get("error")
              .get("message")
              .asText()
              .endsWith(
                  "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other"));
      assertEquals(
          "invalid argument 0: exceed max topics",
          f.call("eth_getLogs", "[{\"topics\":[null,null,null,null,null]}]")
              .get("error")
              .get("message")
              .asText());
      assertEquals(
          "unknown block",
          f.call("eth_getLogs", "[{\"blockHash\":" + q(Hash.ZERO.toString()) + "}]")
              .get("error")
              .get("message")
              .asText());
      assertTrue(
          f.call("eth_getLogs", "[{\"address\":[\"0x12\"]}]")
              .get("error")
              .get("message")
              .asText()
              .startsWith("invalid argument 0: invalid address at index 0"));
    }
  }

  /**
   * Block 3: full (97k of 100k gas, largest transaction 37k) with tips of 2, 5 and 3 million wei.
   */
  static void addFullBlock(EthFixture f) {
    long[] tips = {2_000_000, 5_000_000, 3_000_000};
    long[] gas = {30_000, 30_000, 37_000};
    List<Transaction> txs = new java.util.ArrayList<>();
    List<ChainReceipt> receipts = new java.util.ArrayList<>();
    long cumulative = 0;
    for (int i = 0; i < 3; i++) {
      txs.add(
          TransactionSigner.sign(
              new DynamicFeeTransaction(
                  10,
                  10 + i,
                  UInt256.valueOf(tips[i]),
                  UInt256.valueOf(1_000_000_000L),
                  50_000,
                  Optional.of(EthFixture.TOKEN),
                  UInt256.ZERO,
                  Bytes.EMPTY,
                  List.of(),
                  0,
                  UInt256.ZERO,
                  UInt256.ZERO),
              EthFixture.KEY_B));
      cumulative += gas[i];
      receipts.add(
          ChainReceipt.of(EthereumReceipt.of(TxType.DYNAMIC_FEE, true, cumulative, List.of())));
    }
    f.node.add(
        f.node
            .nextHeader(receipts)
            .gasLimit(100_000)
            .stateRoot(EthFixture.root(3))
            .withdrawalsRoot(Hash.EMPTY_TRIE)
            .blobGasUsed(0)
            .excessBlobGas(0)
            .parentBeaconBlockRoot(Hash.ZERO)
            .build(),
        txs,
        receipts);
  }

  @Test
  void tipOracleFollowsOpGeth() {
    try (EthFixture f = new EthFixture()) {
      // Block 2 had room: the minimum suggestion, 0.001 gwei.
      assertEquals("0xf4240", f.result("eth_maxPriorityFeePerGas", "[]").asText());
      assertEquals("0xf4628", f.result("eth_gasPrice", "[]").asText()); // + base fee 1000
      addFullBlock(f);
      // Full: the median tip (3M) plus 10%.
      assertEquals("0x325aa0", f.result("eth_maxPriorityFeePerGas", "[]").asText());
      assertEquals("0x325e88", f.result("eth_gasPrice", "[]").asText());
      assertEquals("0x1", f.result("eth_blobBaseFee", "[]").asText());
    }
  }

  @Test
  void feeHistoryRewardsRatiosAndNextBaseFee() {
    try (EthFixture f = new EthFixture()) {
      addFullBlock(f);
      JsonNode h = f.result("eth_feeHistory", "[\"0x2\", \"latest\", [25, 75]]");
      assertEquals("0x2", h.get("oldestBlock").asText());
      assertEquals(
          "[\"0x3e8\",\"0x3e8\",\"0x465\"]",
          h.get("baseFeePerGas").toString()); // next: 1000 + 1000/8
      assertEquals("[0.002,0.97]", h.get("gasUsedRatio").toString());
      // Block 2: one 7702 tx whose tip is min(1, 1200 - 1000). Block 3: see addFullBlock —
      // 25% of 97k gas is reached by the cheapest tx, 75% only by the third.
      assertEquals("[[\"0x1\",\"0x1\"],[\"0x1e8480\",\"0x4c4b40\"]]", h.get("reward").toString());
      assertEquals("[\"0x1\",\"0x1\",\"0x1\"]", h.get("baseFeePerBlobGas").toString());
      assertEquals("[0,0]", h.get("blobGasUsedRatio").toString());
      // Count as a decimal string or number; no percentiles: no reward.
      JsonNode plain = f.result("eth_feeHistory", "[\"2\", \"0x3\"]");
      assertFalse(plain.has("reward"));
      assertEquals(h.get("gasUsedRatio"), plain.get("gasUsedRatio"));
      assertEquals(
          "0x0", f.result("eth_feeHistory", "[5, \"0x0\", []]").get("oldestBlock").asText());
      assertEquals(1, f.result("eth_feeHistory", "[5, \"0x0\", []]").get("gasUsedRatio").size());
      assertEquals(
          "request beyond head block: requested 9, head 3",
          f.call("eth_feeHistory", "[\"0x1\", \"0x9\"]").get("error").get("message").asText());
      assertEquals(
          "invalid argument 2: invalid reward percentile: #0:50.000000 >= #1:40.000000",
          f.call("eth_feeHistory", "[\"0x1\", \"latest\", [50, 40]]")
              .get("error")
              .get("message")
              .asText());
      assertEquals(
          "invalid argument 2: invalid reward percentile: 101.000000",
          f.call("eth_feeHistory", "[\"0x1\", \"latest\", [101]]")
              .get("error")
              .get("message")
              .asText());
    }
  }

  @Test
  void goFloatFormatting() {
    assertEquals("0", GoFloat.format(0));
    assertEquals("0.5", GoFloat.format(0.5));
    assertEquals("1", GoFloat.format(1.0));
    assertEquals("0.000001", GoFloat.format(1e-6));
    assertEquals("1e-7", GoFloat.format(1e-7));
    assertEquals("1.5e-7", GoFloat.format(1.5e-7));
    assertEquals("1e+21", GoFloat.format(1e21));
    assertEquals("123456789", GoFloat.format(123456789.0));
    assertEquals("0.3333333333333333", GoFloat.format(1.0 / 3));
  }
}
