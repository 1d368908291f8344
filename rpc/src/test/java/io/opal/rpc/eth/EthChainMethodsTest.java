package io.opal.rpc.eth;

import static io.opal.rpc.eth.EthFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.RpcHex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Block, transaction and receipt methods against the fake chain. */
class EthChainMethodsTest {
  final EthFixture f = new EthFixture();

  @AfterEach
  void close() {
    f.close();
  }

  static Set<String> keys(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static List<String> keyOrder(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void chainIdBlockNumberAndSyncing() {
    assertEquals("0xa", f.result("eth_chainId", "[]").asText());
    assertEquals("0x2", f.result("eth_blockNumber", "[]").asText());
    assertFalse(f.result("eth_syncing", "[]").asBoolean());
    f.node.sync = Optional.of(new ChainReader.SyncProgress(0, 2, 300));
    JsonNode s = f.result("eth_syncing", "[]");
    assertEquals("0x12c", s.get("highestBlock").asText());
    assertEquals("0x2", s.get("currentBlock").asText());
    assertEquals("0x0", s.get("startingBlock").asText());
  }

  @Test
  void blockHasGethsFieldsInSortedOrder() {
    JsonNode b = f.result("eth_getBlockByNumber", "[\"0x1\", false]");
    assertEquals(
        Set.of(
            "baseFeePerGas",
            "blobGasUsed",
            "difficulty",
            "excessBlobGas",
            "extraData",
            "gasLimit",
            "gasUsed",
            "hash",
            "logsBloom",
            "miner",
            "mixHash",
            "nonce",
            "number",
            "parentBeaconBlockRoot",
            "parentHash",
            "receiptsRoot",
            "sha3Uncles",
            "size",
            "stateRoot",
            "timestamp",
            "transactions",
            "transactionsRoot",
            "uncles",
            "withdrawals",
            "withdrawalsRoot"),
        keys(b));
    List<String> order = keyOrder(b);
    List<String> sorted = new ArrayList<>(order);
    sorted.sort(null);
    assertEquals(sorted, order);
    assertEquals(f.block1.hash().toString(), b.get("hash").asText());
    assertEquals(RpcHex.quantity(f.block1.encode().length), b.get("size").asText());
    assertEquals("0x0000000000000000", b.get("nonce").asText());
    assertEquals("0x3e8", b.get("baseFeePerGas").asText());
    assertEquals(4, b.get("transactions").size());
    assertEquals(f.legacy.hash().toString(), b.get("transactions").get(1).asText());
    assertEquals(0, b.get("withdrawals").size());
    assertEquals(0, b.get("uncles").size());
    assertEquals(514, b.get("logsBloom").asText().length());
    // By hash and by tag give the same object.
    assertEquals(
        b, f.result("eth_getBlockByHash", "[" + q(f.block1.hash().toString()) + ", false]"));
    assertEquals(
        f.block2.hash().toString(),
        f.result("eth_getBlockByNumber", "[\"latest\", false]").get("hash").asText());
    assertEquals(
        f.block2.hash().toString(),
        f.result("eth_getBlockByNumber", "[\"pending\", false]").get("hash").asText());
    assertEquals(
        f.genesis.hash().toString(),
        f.result("eth_getBlockByNumber", "[\"earliest\", false]").get("hash").asText());
    // A header without the Shanghai fields has no withdrawals either.
    assertFalse(f.result("eth_getBlockByNumber", "[\"0x0\", false]").has("withdrawals"));
  }

  @Test
  void unknownBlocksAreNullAndMissingHeadsAreErrors() {
    assertTrue(f.result("eth_getBlockByNumber", "[\"0x9\", false]").isNull());
    assertTrue(f.result("eth_getBlockByHash", "[" + q(Hash.ZERO.toString()) + ", true]").isNull());
    JsonNode safe = f.call("eth_getBlockByNumber", "[\"safe\", false]");
    assertEquals("safe block not found", safe.get("error").get("message").asText());
    assertEquals(-32000, safe.get("error").get("code").asInt());
    JsonNode missingFlag = f.call("eth_getBlockByNumber", "[\"0x1\"]");
    assertEquals(
        "missing value for required argument 1", missingFlag.get("error").get("message").asText());
    f.node.heads.put(BlockTag.SAFE, 1);
    assertEquals(
        "0x1", f.result("eth_getBlockByNumber", "[\"safe\", false]").get("number").asText());
    assertTrue(f.result("eth_getBlockTransactionCountByNumber", "[\"0x7\"]").isNull());
    assertEquals("0x4", f.result("eth_getBlockTransactionCountByNumber", "[\"0x1\"]").asText());
    assertEquals("0x0", f.result("eth_getUncleCountByBlockNumber", "[\"0x1\"]").asText());
    assertTrue(f.result("eth_getUncleByBlockNumberAndIndex", "[\"0x1\", \"0x0\"]").isNull());
  }

  @Test
  void eip155ExampleTransaction() {
    JsonNode tx = f.result("eth_getTransactionByHash", "[" + q(f.legacy.hash().toString()) + "]");
    // Field values of the EIP-155 example, as the EIP states them.
    assertEquals(EthFixture.EIP155_SENDER, tx.get("from").asText());
    assertEquals("0x9", tx.get("nonce").asText());
    assertEquals("0x4a817c800", tx.get("gasPrice").asText());
    assertEquals("0x5208", tx.get("gas").asText());
    assertEquals("0x3535353535353535353535353535353535353535", tx.get("to").asText());
    assertEquals("0xde0b6b3a7640000", tx.get("value").asText());
    assertEquals("0x25", tx.get("v").asText());
    assertEquals(
        "0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276", tx.get("r").asText());
    assertEquals(
        "0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83", tx.get("s").asText());
    assertEquals("0x1", tx.get("chainId").asText());
    assertEquals("0x0", tx.get("type").asText());
    assertEquals("0x", tx.get("input").asText());
    assertEquals("0x1", tx.get("transactionIndex").asText());
    assertEquals(f.block1.hash().toString(), tx.get("blockHash").asText());
    assertEquals(
        List.of(
            "blockHash",
            "blockNumber",
            "blockTimestamp",
            "from",
            "gas",
            "gasPrice",
            "hash",
            "input",
            "nonce",
            "to",
            "transactionIndex",
            "value",
            "type",
            "chainId",
            "v",
            "r",
            "s"),
        keyOrder(tx));
    assertEquals(
        Hash.keccak(org.apache.tuweni.bytes.Bytes.fromHexString(EthFixture.EIP155_RAW)).toString(),
        tx.get("hash").asText());
    assertEquals(
        EthFixture.EIP155_RAW,
        f.result("eth_getRawTransactionByHash", "[" + q(f.legacy.hash().toString()) + "]")
            .asText());
  }

  @Test
  void depositTransactionHasOpGethsShape() {
    JsonNode tx = f.result("eth_getTransactionByBlockNumberAndIndex", "[\"0x1\", \"0x0\"]");
    // The key set op-geth returns for an L1 attributes deposit (plus geth's newer blockTimestamp).
    assertEquals(
        Set.of(
            "blockHash",
            "blockNumber",
            "blockTimestamp",
            "from",
            "gas",
            "gasPrice",
            "hash",
            "input",
            "mint",
            "nonce",
            "r",
            "s",
            "sourceHash",
            "to",
            "transactionIndex",
            "type",
            "v",
            "value",
            "depositReceiptVersion"),
        keys(tx));
    assertEquals("0x7e", tx.get("type").asText());
    assertEquals("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001", tx.get("from").asText());
    assertEquals("0x4200000000000000000000000000000000000015", tx.get("to").asText());
    assertEquals("0xf4240", tx.get("gas").asText());
    assertEquals("0x0", tx.get("gasPrice").asText());
    assertEquals("0x0", tx.get("mint").asText());
    assertEquals("0x7", tx.get("nonce").asText()); // the receipt's deposit nonce
    assertEquals("0x1", tx.get("depositReceiptVersion").asText());
    assertEquals(Hash.keccak(new byte[] {1}).toString(), tx.get("sourceHash").asText());
    assertEquals("0x0", tx.get("v").asText());
    assertEquals("0x440a5e20", tx.get("input").asText());
  }

  @Test
  void typedTransactionsCarryTheirFields() {
    JsonNode dyn =
        f.result("eth_getTransactionByHash", "[" + q(f.creation.hash().toString()) + "]");
    assertTrue(dyn.get("to").isNull());
    assertEquals("0x2", dyn.get("type").asText());
    assertEquals("0xbb8", dyn.get("maxFeePerGas").asText());
    assertEquals("0x1f4", dyn.get("maxPriorityFeePerGas").asText());
    assertEquals("0x5dc", dyn.get("gasPrice").asText()); // min(3000, 1000 + 500) once mined
    assertEquals("0xa", dyn.get("chainId").asText());
    assertEquals(dyn.get("v"), dyn.get("yParity"));
    assertEquals(0, dyn.get("accessList").size());
    assertEquals(EthFixture.B.toString(), dyn.get("from").asText());

    JsonNode al =
        f.result(
            "eth_getTransactionByBlockHashAndIndex",
            "[" + q(f.block1.hash().toString()) + ", \"0x3\"]");
    assertEquals("0x1", al.get("type").asText());
    assertFalse(al.has("maxFeePerGas"));
    assertEquals("0x7d0", al.get("gasPrice").asText());
    assertEquals(EthFixture.TOKEN.toString(), al.get("accessList").get(0).get("address").asText());
    assertEquals(
        Hash.ZERO.toString(), al.get("accessList").get(0).get("storageKeys").get(0).asText());

    JsonNode sc = f.result("eth_getTransactionByHash", "[" + q(f.setCode.hash().toString()) + "]");
    assertEquals("0x4", sc.get("type").asText());
    JsonNode auth = sc.get("authorizationList").get(0);
    assertEquals(Set.of("chainId", "address", "nonce", "yParity", "r", "s"), keys(auth));
    assertEquals("0xa", auth.get("chainId").asText());
    assertEquals("0x4", auth.get("nonce").asText());
    assertEquals(EthFixture.TOKEN.toString(), auth.get("address").asText());
    assertEquals("0x3e9", sc.get("gasPrice").asText()); // min(1200, 1000 + 1) at block 2's base fee

    JsonNode full = f.result("eth_getBlockByNumber", "[\"0x1\", true]");
    assertEquals(dyn, full.get("transactions").get(2));
    assertTrue(f.result("eth_getTransactionByBlockNumberAndIndex", "[\"0x1\", \"0x4\"]").isNull());
  }

  @Test
  void pendingAndUnknownTransactions() {
    var pooled =
        io.opal.primitives.tx.TransactionSigner.sign(
            new io.opal.primitives.tx.DynamicFeeTransaction(
                10,
                3,
                org.apache.tuweni.units.bigints.UInt256.valueOf(2),
                org.apache.tuweni.units.bigints.UInt256.valueOf(9000),
                21000,
                Optional.of(EthFixture.TOKEN),
                org.apache.tuweni.units.bigints.UInt256.ONE,
                org.apache.tuweni.bytes.Bytes.EMPTY,
                List.of(),
                0,
                org.apache.tuweni.units.bigints.UInt256.ZERO,
                org.apache.tuweni.units.bigints.UInt256.ZERO),
            EthFixture.KEY_B);
    f.node.pending.put(EthFixture.B, new java.util.TreeMap<>(java.util.Map.of(3L, pooled)));
    JsonNode tx = f.result("eth_getTransactionByHash", "[" + q(pooled.hash().toString()) + "]");
    assertTrue(tx.get("blockHash").isNull());
    assertTrue(tx.get("blockNumber").isNull());
    assertTrue(tx.get("transactionIndex").isNull());
    assertEquals("0x2328", tx.get("gasPrice").asText()); // the fee cap while pending
    assertEquals(
        RpcHex.data(TransactionCodec.encode(pooled)),
        f.result("eth_getRawTransactionByHash", "[" + q(pooled.hash().toString()) + "]").asText());
    assertTrue(f.result("eth_getTransactionByHash", "[" + q(Hash.ZERO.toString()) + "]").isNull());
    assertTrue(f.result("eth_getTransactionReceipt", "[" + q(Hash.ZERO.toString()) + "]").isNull());
  }

  @Test
  void receiptsDeriveGasLogIndexesAndContractAddress() {
    JsonNode r = f.result("eth_getTransactionReceipt", "[" + q(f.creation.hash().toString()) + "]");
    assertEquals(
        Set.of(
            "blockHash",
            "blockNumber",
            "contractAddress",
            "cumulativeGasUsed",
            "effectiveGasPrice",
            "from",
            "gasUsed",
            "l1BaseFeeScalar",
            "l1BlobBaseFee",
            "l1BlobBaseFeeScalar",
            "l1Fee",
            "l1GasPrice",
            "l1GasUsed",
            "logs",
            "logsBloom",
            "operatorFeeConstant",
            "operatorFeeScalar",
            "status",
            "to",
            "transactionHash",
            "transactionIndex",
            "type"),
        keys(r));
    List<String> order = keyOrder(r);
    List<String> sorted = new ArrayList<>(order);
    sorted.sort(null);
    assertEquals(sorted, order);
    assertEquals("0x186a0", r.get("gasUsed").asText()); // 167000 - 67000
    assertEquals("0x28c58", r.get("cumulativeGasUsed").asText());
    assertEquals("0x5dc", r.get("effectiveGasPrice").asText());
    assertEquals("0x1", r.get("status").asText());
    assertTrue(r.get("to").isNull());
    assertEquals(
        BlockReceipts.createdAddress(EthFixture.B, 0).toString(),
        r.get("contractAddress").asText());
    assertEquals("0x2bc0", r.get("l1Fee").asText());
    assertEquals("0x558", r.get("l1BaseFeeScalar").asText());
    assertEquals("0x5", r.get("operatorFeeConstant").asText());
    // Logs: block-wide indexes across transactions, with their context.
    assertEquals("0x0", r.get("logs").get(0).get("logIndex").asText());
    assertEquals("0x1", r.get("logs").get(1).get("logIndex").asText());
    assertEquals("0x2", r.get("logs").get(0).get("transactionIndex").asText());
    assertEquals(
        f.creation.hash().toString(), r.get("logs").get(0).get("transactionHash").asText());
    assertFalse(r.get("logs").get(0).get("removed").asBoolean());

    JsonNode failed =
        f.result("eth_getTransactionReceipt", "[" + q(f.withAccessList.hash().toString()) + "]");
    assertEquals("0x0", failed.get("status").asText());
    assertEquals("0x7530", failed.get("gasUsed").asText());
    assertEquals("0x2", failed.get("logs").get(0).get("logIndex").asText());
    assertTrue(failed.get("contractAddress").isNull());

    JsonNode dep =
        f.result("eth_getTransactionReceipt", "[" + q(f.deposit.hash().toString()) + "]");
    assertEquals("0x7", dep.get("depositNonce").asText());
    assertEquals("0x1", dep.get("depositReceiptVersion").asText());
    assertFalse(dep.has("l1Fee"));
    assertEquals("0x0", dep.get("effectiveGasPrice").asText());
    assertEquals("0xb3b0", dep.get("gasUsed").asText());

    JsonNode all = f.result("eth_getBlockReceipts", "[\"0x1\"]");
    assertEquals(4, all.size());
    assertEquals(r, all.get(2));
    assertTrue(f.result("eth_getBlockReceipts", "[\"0x5\"]").isNull());
    assertEquals(
        all,
        f.result(
            "eth_getBlockReceipts", "[{\"blockHash\":" + q(f.block1.hash().toString()) + "}]"));
  }

  @Test
  void createAddressMatchesTheWellKnownExample() {
    // The classic example: 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0 creates these at nonces 0, 1.
    Address sender = Address.fromHex("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    assertEquals(
        "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d",
        BlockReceipts.createdAddress(sender, 0).toString());
    assertEquals(
        "0x343c43a37d37dff08ae8c4a11544c718abb4fcf8",
        BlockReceipts.createdAddress(sender, 1).toString());
  }

  @Test
  void headersByNumberAndHash() {
    JsonNode h = f.result("eth_getHeaderByNumber", "[\"0x2\"]");
    assertFalse(h.has("transactions"));
    assertFalse(h.has("size"));
    assertEquals(f.block2.hash().toString(), h.get("hash").asText());
    assertEquals(h, f.result("eth_getHeaderByHash", "[" + q(f.block2.hash().toString()) + "]"));
    assertTrue(f.result("eth_getHeaderByNumber", "[\"0x3\"]").isNull());
  }
}
