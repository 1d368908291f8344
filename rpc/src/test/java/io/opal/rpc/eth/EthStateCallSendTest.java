package io.opal.rpc.eth;

import static io.opal.rpc.eth.EthFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.rpc.CallExecutor.AccessListResult;
import io.opal.rpc.CallExecutor.CallResult;
import io.opal.rpc.CallExecutor.EstimateResult;
import io.opal.rpc.RpcHex;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** State reads, eth_call and friends, and eth_sendRawTransaction against the fakes. */
class EthStateCallSendTest {
  final EthFixture f = new EthFixture();
  final Address alice = Address.fromHex("0x" + "a1".repeat(20));

  @AfterEach
  void close() {
    f.close();
  }

  void state(int block, Address a, FakeNode.Account account) {
    f.node
        .states
        .computeIfAbsent(EthFixture.root(block), k -> new java.util.HashMap<>())
        .put(a, account);
  }

  @Test
  void balanceCodeStorageAndNonceAtBlocks() {
    Bytes32 slot = Bytes32.leftPad(Bytes.fromHexString("0x05"));
    state(
        1,
        alice,
        new FakeNode.Account(
            UInt256.valueOf(1_000),
            3,
            Bytes.fromHexString("0x6001"),
            Map.of(slot, Bytes32.leftPad(Bytes.fromHexString("0xbeef")))));
    state(2, alice, new FakeNode.Account(UInt256.valueOf(2_000), 4, Bytes.EMPTY, Map.of()));
    String a = q(alice.toString());
    assertEquals("0x7d0", f.result("eth_getBalance", "[" + a + ", \"latest\"]").asText());
    assertEquals("0x3e8", f.result("eth_getBalance", "[" + a + ", \"0x1\"]").asText());
    assertEquals(
        "0x3e8", f.result("eth_getBalance", "[" + a + ", {\"blockNumber\":\"0x1\"}]").asText());
    assertEquals(
        "0x3e8",
        f.result("eth_getBalance", "[" + a + ", " + q(f.block1.hash().toString()) + "]").asText());
    assertEquals("0x6001", f.result("eth_getCode", "[" + a + ", \"0x1\"]").asText());
    assertEquals("0x", f.result("eth_getCode", "[" + a + ", \"latest\"]").asText());
    String beef = "0x" + "00".repeat(30) + "beef";
    assertEquals(beef, f.result("eth_getStorageAt", "[" + a + ", \"0x5\", \"0x1\"]").asText());
    assertEquals(
        beef,
        f.result(
                "eth_getStorageAt",
                "["
                    + a
                    + ", \"0x0000000000000000000000000000000000000000000000000000000000000005\", \"0x1\"]")
            .asText());
    assertEquals(
        "0x" + "00".repeat(32),
        f.result("eth_getStorageAt", "[" + a + ", \"0x6\", \"0x1\"]").asText());
    assertEquals("0x4", f.result("eth_getTransactionCount", "[" + a + ", \"latest\"]").asText());
    assertEquals("0x4", f.result("eth_getTransactionCount", "[" + a + ", \"pending\"]").asText());
    f.node.pending.put(alice, new TreeMap<>(Map.of(4L, f.legacy, 5L, f.legacy)));
    assertEquals("0x6", f.result("eth_getTransactionCount", "[" + a + ", \"pending\"]").asText());
    assertEquals(
        "0x0",
        f.result("eth_getBalance", "[" + q(Address.ZERO.toString()) + ", \"latest\"]").asText());
  }

  @Test
  void stateErrorsFollowGeth() {
    String a = q(alice.toString());
    JsonNode pruned = f.call("eth_getBalance", "[" + a + ", \"0x0\"]");
    assertEquals(-32000, pruned.get("error").get("code").asInt());
    assertEquals(
        "historical state " + EthFixture.root(0) + " is not available",
        pruned.get("error").get("message").asText());
    assertEquals(
        "header not found",
        f.call("eth_getBalance", "[" + a + ", \"0x63\"]").get("error").get("message").asText());
    assertEquals(
        "header for hash not found",
        f.call("eth_getBalance", "[" + a + ", " + q(Hash.ZERO.toString()) + "]")
            .get("error")
            .get("message")
            .asText());
    assertEquals(
        "missing value for required argument 1",
        f.call("eth_getBalance", "[" + a + "]").get("error").get("message").asText());
    assertEquals(
        "invalid argument 0: hex string has length 38, want 40 for address",
        f.call("eth_getBalance", "[\"0x" + "ab".repeat(19) + "\", \"latest\"]")
            .get("error")
            .get("message")
            .asText());
    assertEquals(
        "invalid argument 1: cannot specify both BlockHash and BlockNumber, choose one or the other",
        f.call(
                "eth_getBalance",
                "["
                    + a
                    + ", {\"blockNumber\":\"0x1\",\"blockHash\":"
                    + q(f.block1.hash().toString())
                    + "}]")
            .get("error")
            .get("message")
            .asText());
    assertTrue(
        f.call("eth_getStorageAt", "[" + a + ", \"0x" + "1".repeat(65) + "\", \"latest\"]")
            .get("error")
            .get("message")
            .asText()
            .contains("hex string too long, want at most 32 bytes"));
  }

  @Test
  void requireCanonicalRejectsAnUncle() {
    // A stored block that lost its place: same height as block 2, different content.
    var side =
        f.node
            .nextHeader(List.of())
            .number(2)
            .parentHash(f.block1.hash())
            .stateRoot(EthFixture.root(2))
            .extraData(Bytes.of(1))
            .build();
    var block = new io.opal.primitives.block.Block(side, io.opal.primitives.block.BlockBody.EMPTY);
    f.node.byHash.put(block.hash(), block);
    state(2, alice, new FakeNode.Account(UInt256.valueOf(9), 0, Bytes.EMPTY, Map.of()));
    String a = q(alice.toString());
    assertEquals(
        "0x9",
        f.result(
                "eth_getBalance", "[" + a + ", {\"blockHash\":" + q(block.hash().toString()) + "}]")
            .asText());
    JsonNode r =
        f.call(
            "eth_getBalance",
            "["
                + a
                + ", {\"blockHash\":"
                + q(block.hash().toString())
                + ",\"requireCanonical\":true}]");
    assertEquals(
        "hash " + block.hash() + " is not currently canonical",
        r.get("error").get("message").asText());
  }

  @Test
  void callPassesTheRequestAndReportsResults() {
    f.node.nextCall = new CallResult.Success(Bytes.fromHexString("0x2a"), 21_000);
    String call =
        "{\"from\":"
            + q(alice.toString())
            + ",\"to\":"
            + q(EthFixture.TOKEN.toString())
            + ",\"gas\":\"0x5208\",\"maxFeePerGas\":\"0x10\",\"value\":\"0x1\",\"input\":\"0xabcd\""
            + ",\"accessList\":[{\"address\":"
            + q(EthFixture.TOKEN.toString())
            + ",\"storageKeys\":[]}]}";
    String overrides =
        "{"
            + q(alice.toString())
            + ":{\"balance\":\"0x64\",\"nonce\":\"0x2\",\"code\":\"0x00\",\"stateDiff\":{"
            + q(Hash.ZERO.toString())
            + ":"
            + q(Hash.EMPTY.toString())
            + "}}}";
    assertEquals(
        "0x2a",
        f.result(
                "eth_call",
                "["
                    + call
                    + ", \"0x1\", "
                    + overrides
                    + ", {\"time\":\"0x10\",\"baseFeePerGas\":\"0x0\"}]")
            .asText());
    var req = f.node.lastRequest;
    assertEquals(Optional.of(alice), req.from());
    assertEquals(Optional.of(EthFixture.TOKEN), req.to());
    assertEquals(OptionalLong.of(21_000), req.gas());
    assertEquals(Optional.of(UInt256.valueOf(16)), req.maxFeePerGas());
    assertEquals(Optional.of(Bytes.fromHexString("0xabcd")), req.input());
    assertEquals(
        Optional.of(List.of(new AccessListEntry(EthFixture.TOKEN, List.of()))), req.accessList());
    assertEquals(1, f.node.lastAt.number());
    assertEquals(50_000_000L, f.node.lastOptions.gasCap());
    var o = f.node.lastOptions.stateOverrides().get(alice);
    assertEquals(Optional.of(UInt256.valueOf(100)), o.balance());
    assertEquals(OptionalLong.of(2), o.nonce());
    assertEquals(Map.of(Hash.ZERO.bytes(), Hash.EMPTY.bytes()), o.stateDiff().orElseThrow());
    assertEquals(OptionalLong.of(16), f.node.lastOptions.blockOverrides().orElseThrow().time());

    // "data" is accepted for "input"; latest is the default block.
    f.result("eth_call", "[{\"to\":" + q(EthFixture.TOKEN.toString()) + ",\"data\":\"0x01\"}]");
    assertEquals(Optional.of(Bytes.of(1)), f.node.lastRequest.input());
    assertEquals(2, f.node.lastAt.number());
  }

  @Test
  void callRequestErrors() {
    String to = q(EthFixture.TOKEN.toString());
    JsonNode both =
        f.call("eth_call", "[{\"to\":" + to + ",\"data\":\"0x01\",\"input\":\"0x02\"}]");
    assertEquals(-32602, both.get("error").get("code").asInt());
    assertTrue(
        both.get("error")
            .get("message")
            .asText()
            .contains("both \"data\" and \"input\" are set and not equal"));
    JsonNode fees =
        f.call("eth_call", "[{\"to\":" + to + ",\"gasPrice\":\"0x1\",\"maxFeePerGas\":\"0x2\"}]");
    assertTrue(
        fees.get("error")
            .get("message")
            .asText()
            .contains("both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified"));
    JsonNode badGas = f.call("eth_call", "[{\"to\":" + to + ",\"gas\":\"0x01\"}]");
    assertEquals(
        "invalid argument 0: field gas: hex number with leading zero digits",
        badGas.get("error").get("message").asText());
    JsonNode bothState =
        f.call(
            "eth_call",
            "[{\"to\":" + to + "}, \"latest\", {" + to + ":{\"state\":{},\"stateDiff\":{}}}]");
    assertTrue(
        bothState
            .get("error")
            .get("message")
            .asText()
            .contains("has both 'state' and 'stateDiff'"));
  }

  @Test
  void revertsAndHaltsAsGethReportsThem() {
    // Error("Not enough Ether provided.") as solc encodes it (the Solidity docs' example).
    Bytes revert =
        Bytes.fromHexString(
            "0x08c379a0"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "000000000000000000000000000000000000000000000000000000000000001a"
                + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000");
    f.node.nextCall = new CallResult.Reverted(revert, 100);
    JsonNode r = f.call("eth_call", "[{\"to\":" + q(EthFixture.TOKEN.toString()) + "}]");
    assertEquals(3, r.get("error").get("code").asInt());
    assertEquals(
        "execution reverted: Not enough Ether provided.", r.get("error").get("message").asText());
    assertEquals(RpcHex.data(revert), r.get("error").get("data").asText());

    Bytes panic = Bytes.fromHexString("0x4e487b71" + "00".repeat(31) + "11");
    f.node.nextCall = new CallResult.Reverted(panic, 100);
    assertEquals(
        "execution reverted: arithmetic underflow or overflow",
        f.call("eth_call", "[{\"to\":" + q(EthFixture.TOKEN.toString()) + "}]")
            .get("error")
            .get("message")
            .asText());

    Bytes custom = Bytes.fromHexString("0xdeadbeef");
    f.node.nextCall = new CallResult.Reverted(custom, 100);
    JsonNode c = f.call("eth_call", "[{\"to\":" + q(EthFixture.TOKEN.toString()) + "}]");
    assertEquals("execution reverted", c.get("error").get("message").asText());
    assertEquals("0xdeadbeef", c.get("error").get("data").asText());

    f.node.nextCall = new CallResult.Reverted(Bytes.EMPTY, 100);
    JsonNode empty = f.call("eth_call", "[{\"to\":" + q(EthFixture.TOKEN.toString()) + "}]");
    assertEquals(-32000, empty.get("error").get("code").asInt());
    assertFalse(empty.get("error").has("data"));

    f.node.nextCall = new CallResult.Halted("out of gas", 21_000);
    JsonNode halted = f.call("eth_call", "[{\"to\":" + q(EthFixture.TOKEN.toString()) + "}]");
    assertEquals(-32000, halted.get("error").get("code").asInt());
    assertEquals("out of gas", halted.get("error").get("message").asText());
  }

  @Test
  void estimateGasAndAccessLists() {
    String to = q(EthFixture.TOKEN.toString());
    f.node.nextEstimate = new EstimateResult.Estimated(53_000);
    assertEquals("0xcf08", f.result("eth_estimateGas", "[{\"to\":" + to + "}]").asText());
    f.node.nextEstimate = new EstimateResult.Failed("gas required exceeds allowance (50000000)");
    assertEquals(
        "gas required exceeds allowance (50000000)",
        f.call("eth_estimateGas", "[{\"to\":" + to + "}]").get("error").get("message").asText());
    f.node.nextEstimate =
        new EstimateResult.Reverted(Bytes.fromHexString("0x4e487b71" + "00".repeat(31) + "01"));
    assertEquals(
        "execution reverted: assert(false)",
        f.call("eth_estimateGas", "[{\"to\":" + to + "}]").get("error").get("message").asText());

    f.node.nextAccessList =
        new AccessListResult(
            List.of(new AccessListEntry(EthFixture.TOKEN, List.of(Hash.ZERO))),
            24_000,
            Optional.of("execution reverted"));
    JsonNode al = f.result("eth_createAccessList", "[{\"to\":" + to + "}, \"latest\"]");
    assertEquals(EthFixture.TOKEN.toString(), al.get("accessList").get(0).get("address").asText());
    assertEquals("0x5dc0", al.get("gasUsed").asText());
    assertEquals("execution reverted", al.get("error").asText());
  }

  @Test
  void sendRawTransaction() {
    assertEquals(
        f.legacy.hash().toString(),
        f.result("eth_sendRawTransaction", "[" + q(EthFixture.EIP155_RAW) + "]").asText());
    assertEquals(1, f.node.submitted.size());
    f.node.nextRefusal = Optional.of("nonce too low: next nonce 10, tx nonce 9");
    JsonNode low = f.call("eth_sendRawTransaction", "[" + q(EthFixture.EIP155_RAW) + "]");
    assertEquals(-32000, low.get("error").get("code").asInt());
    assertEquals(
        "nonce too low: next nonce 10, tx nonce 9", low.get("error").get("message").asText());

    JsonNode garbage = f.call("eth_sendRawTransaction", "[\"0xc0ffee\"]");
    assertEquals(-32000, garbage.get("error").get("code").asInt());
    assertEquals(
        "invalid argument 0: hex string without 0x prefix",
        f.call("eth_sendRawTransaction", "[\"c0ffee\"]").get("error").get("message").asText());

    // A Homestead-style signature (v = 27/28) without chain id is refused over RPC, as geth does.
    LegacyTransaction unprotected =
        TransactionSigner.sign(
            LegacyTransaction.unsigned(
                OptionalLong.empty(),
                0,
                UInt256.ONE,
                21_000,
                Optional.of(alice),
                UInt256.ZERO,
                Bytes.EMPTY),
            EthFixture.KEY_B);
    JsonNode refused =
        f.call(
            "eth_sendRawTransaction",
            "[" + q(RpcHex.data(TransactionCodec.encode(unprotected))) + "]");
    assertEquals(
        "only replay-protected (EIP-155) transactions allowed over RPC",
        refused.get("error").get("message").asText());

    // gas × price above the 1 ether cap.
    LegacyTransaction pricey =
        TransactionSigner.sign(
            LegacyTransaction.unsigned(
                OptionalLong.of(10),
                0,
                UInt256.valueOf(100_000_000_000_000L),
                21_000,
                Optional.of(alice),
                UInt256.ZERO,
                Bytes.EMPTY),
            EthFixture.KEY_B);
    assertEquals(
        "tx fee (2.10 ether) exceeds the configured cap (1.00 ether)",
        f.call(
                "eth_sendRawTransaction",
                "[" + q(RpcHex.data(TransactionCodec.encode(pricey))) + "]")
            .get("error")
            .get("message")
            .asText());
  }
}
