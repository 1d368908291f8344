package io.opal.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** QUANTITY and DATA as geth's hexutil reads and writes them (its documented examples). */
class RpcHexTest {

  @Test
  void quantitiesEncodeWithoutLeadingZeros() {
    assertEquals("0x0", RpcHex.quantity(0));
    assertEquals("0x41", RpcHex.quantity(65));
    assertEquals("0x400", RpcHex.quantity(1024));
    assertEquals("0xffffffffffffffff", RpcHex.quantity(-1L)); // unsigned
    assertEquals("0x10000000000000000", RpcHex.quantity(BigInteger.ONE.shiftLeft(64)));
    assertEquals("0x" + "f".repeat(64), RpcHex.quantity(UInt256.MAX_VALUE));
    assertEquals("0x0", RpcHex.quantity(UInt256.ZERO));
  }

  @Test
  void dataEncodesTwoDigitsPerByte() {
    assertEquals("0x", RpcHex.data(new byte[0]));
    assertEquals("0x41", RpcHex.data(new byte[] {0x41}));
    assertEquals("0x004200", RpcHex.data(new byte[] {0, 0x42, 0}));
  }

  @Test
  void quantityDecodingIsStrict() {
    assertEquals(0, RpcHex.decodeLong("0x0"));
    assertEquals(0x1234, RpcHex.decodeLong("0x1234"));
    assertEquals(0xabc, RpcHex.decodeLong("0XABC"));
    assertEquals(-1L, RpcHex.decodeLong("0xffffffffffffffff"));
    assertEquals(UInt256.MAX_VALUE, RpcHex.decodeUInt256("0x" + "f".repeat(64)));
    assertEquals(UInt256.valueOf(0x123), RpcHex.decodeUInt256("0x123"));
    assertMessage("empty hex string", () -> RpcHex.decodeLong(""));
    assertMessage("hex string without 0x prefix", () -> RpcHex.decodeLong("1"));
    assertMessage("hex string \"0x\"", () -> RpcHex.decodeLong("0x"));
    assertMessage("hex number with leading zero digits", () -> RpcHex.decodeLong("0x01"));
    assertMessage("hex number with leading zero digits", () -> RpcHex.decodeLong("0x00"));
    assertMessage("invalid hex string", () -> RpcHex.decodeLong("0x1g"));
    assertMessage("hex number > 64 bits", () -> RpcHex.decodeLong("0x10000000000000000"));
    assertMessage("hex number > 256 bits", () -> RpcHex.decodeUInt256("0x1" + "0".repeat(64)));
  }

  @Test
  void dataDecodingIsStrict() {
    assertArrayEquals(new byte[0], RpcHex.decodeData("0x"));
    assertArrayEquals(new byte[] {0, 1, (byte) 0xab}, RpcHex.decodeData("0x0001AB"));
    assertMessage("hex string of odd length", () -> RpcHex.decodeData("0x123"));
    assertMessage("hex string without 0x prefix", () -> RpcHex.decodeData("00"));
    assertMessage("invalid hex string", () -> RpcHex.decodeData("0xzz"));
    assertMessage(
        "hex string has length 62, want 64 for hash",
        () -> RpcHex.decodeHash("0x" + "00".repeat(31)));
    assertEquals(Hash.ZERO, RpcHex.decodeHash("0x" + "00".repeat(32)));
  }

  @Test
  void blockParameters() {
    assertEquals(
        new BlockParameter.Tagged(BlockTag.SAFE), JsonValues.blockNumber(TextNode.valueOf("safe")));
    assertEquals(
        new BlockParameter.Number(16), JsonValues.blockNumberOrHash(TextNode.valueOf("0x10")));
    Hash h = Hash.keccak(new byte[] {1});
    assertEquals(
        new BlockParameter.ByHash(h, false),
        JsonValues.blockNumberOrHash(TextNode.valueOf(h.toString())));
    var object =
        JsonNodeFactory.instance
            .objectNode()
            .put("blockHash", h.toString())
            .put("requireCanonical", true);
    assertEquals(new BlockParameter.ByHash(h, true), JsonValues.blockNumberOrHash(object));
    var byNumber = JsonNodeFactory.instance.objectNode().put("blockNumber", "latest");
    assertEquals(BlockParameter.LATEST, JsonValues.blockNumberOrHash(byNumber));
    assertMessage(
        "block number larger than int64",
        () -> JsonValues.blockNumber(TextNode.valueOf("0x8000000000000000")));
    assertMessage(
        "cannot unmarshal number into block number",
        () -> JsonValues.blockNumber(JsonNodeFactory.instance.numberNode(5)));
    assertMessage(
        "invalid input: neither blockNumber nor blockHash given",
        () -> JsonValues.blockNumberOrHash(JsonNodeFactory.instance.objectNode()));
  }

  private static void assertMessage(String message, Runnable r) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
  }
}
