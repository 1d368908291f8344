package io.opal.consensus.devnet.genesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AbiTest {

  @BeforeAll
  static void artifacts() {
    DevnetGenesisFixture.requireArtifacts();
  }

  /** The Solidity docs' example: baz(uint32,bool) with (69, true). */
  @Test
  void staticArguments() {
    assertEquals(
        "0xcdcd77c0"
            + "0000000000000000000000000000000000000000000000000000000000000045"
            + "0000000000000000000000000000000000000000000000000000000000000001",
        Hex.encode(Abi.call("baz(uint32,bool)", 69L, true)));
  }

  /** The Solidity docs' example: sam(bytes,bool,uint256[]) minus the array: head, tail, padding. */
  @Test
  void dynamicBytes() {
    byte[] enc = Abi.encode("dave".getBytes(StandardCharsets.US_ASCII), true);
    assertEquals(
        "0x"
            + "0000000000000000000000000000000000000000000000000000000000000040"
            + "0000000000000000000000000000000000000000000000000000000000000001"
            + "0000000000000000000000000000000000000000000000000000000000000004"
            + "6461766500000000000000000000000000000000000000000000000000000000",
        Hex.encode(enc));
    assertArrayEquals("dave".getBytes(StandardCharsets.US_ASCII), Abi.bytesAt(enc, 0));
    assertEquals(true, Abi.boolAt(enc, 1));
  }

  @Test
  void decodingOutOfRangeIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Abi.uintAt(new byte[31], 0));
    byte[] hostile = Abi.encode(BigInteger.ONE.shiftLeft(200));
    assertThrows(IllegalArgumentException.class, () -> Abi.bytesAt(hostile, 0));
    assertThrows(IllegalArgumentException.class, () -> Abi.encode(BigInteger.valueOf(-1)));
    assertEquals(Address.ofLong(0x1234), Abi.addressAt(Abi.encode(Address.ofLong(0x1234)), 0));
  }

  /** solc packs from the low-order end: offset 20 of slot 3 is the byte after an address. */
  @Test
  void storageLayoutPacks() {
    StorageLayout layout = OpContracts.bundled().get("ProxyAdmin").layout();
    assertEquals(Word256.of(3), layout.slot("upgrading"));
    Word256 w = layout.pack("addressManager", Word256.ZERO, BigInteger.valueOf(0xabcdef));
    w = layout.pack("upgrading", w, BigInteger.ONE);
    assertEquals(
        BigInteger.ONE.shiftLeft(160).or(BigInteger.valueOf(0xabcdef)),
        w.toUInt256().toBigInteger());
    Word256 packed = w;
    assertThrows(
        IllegalArgumentException.class,
        () -> layout.pack("upgrading", packed, BigInteger.valueOf(256)));
    assertThrows(IllegalArgumentException.class, () -> layout.slot("nope"));
  }

  @Test
  void artifactsDocumentIsCheckedAndUpgradeCodeLoads() {
    assertThrows(IllegalStateException.class, () -> OpContracts.parse("{".getBytes(), "x"));
    assertThrows(IllegalStateException.class, () -> OpContracts.parse("{}".getBytes(), "x"));
    assertThrows(IllegalArgumentException.class, () -> OpContracts.bundled().get("NoSuchContract"));
    assertEquals("@eth-optimism/contracts-bedrock@0.17.3", OpContracts.bundled().source());
    assertEquals(0x60, OpContracts.upgradeCreationCode("jovian-l1-block-deployment").get(0) & 0xff);
    assertThrows(
        IllegalStateException.class, () -> OpContracts.upgradeCreationCode("no-such-upgrade"));
  }
}
