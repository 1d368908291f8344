package io.opal.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

class Secp256k1Test {
  // The first dev account of the "test test ... junk" mnemonic, as anvil and Hardhat print it.
  private static final byte[] DEV_KEY =
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final Address DEV_ADDRESS =
      Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

  private static List<Secp256k1> implementations() {
    Optional<Secp256k1> nativeImpl = Secp256k1.nativeLibrary();
    assertTrue(nativeImpl.isPresent(), "the native library loads on this machine");
    return List.of(nativeImpl.get(), Secp256k1.bouncyCastle());
  }

  @Test
  void derivesTheKnownDevAddress() {
    for (Secp256k1 impl : implementations()) {
      assertEquals(DEV_ADDRESS, impl.address(DEV_KEY), impl.name());
    }
  }

  @Test
  void implementationsAgreeOnSignaturesAndRecovery() {
    Random random = new Random(42);
    Secp256k1 nat = implementations().get(0);
    Secp256k1 bc = Secp256k1.bouncyCastle();
    for (int i = 0; i < 50; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      key[0] &= 0x7f; // below the curve order
      byte[] hash = Keccak256.hash(("message " + i).getBytes(StandardCharsets.UTF_8));
      Signature a = nat.sign(hash, key);
      Signature b = bc.sign(hash, key);
      assertEquals(a, b, "RFC 6979 signatures are deterministic");
      assertTrue(a.isLowS());
      assertArrayEquals(nat.publicKey(key), bc.recoverPublicKey(hash, a).orElseThrow());
      assertArrayEquals(bc.publicKey(key), nat.recoverPublicKey(hash, b).orElseThrow());
    }
  }

  @Test
  void outOfRangeSignaturesRecoverNothing() {
    byte[] hash = Keccak256.hash(new byte[0]);
    for (Secp256k1 impl : implementations()) {
      assertTrue(
          impl.recoverPublicKey(hash, new Signature(UInt256.ZERO, UInt256.ONE, 0)).isEmpty());
      assertTrue(impl.recoverPublicKey(hash, new Signature(Signature.N, UInt256.ONE, 0)).isEmpty());
      assertTrue(impl.recoverPublicKey(hash, new Signature(UInt256.ONE, UInt256.ONE, 2)).isEmpty());
    }
  }

  @Test
  void keccakOfAKnownInputAcrossTheBlockBoundary() {
    // 200 bytes of 0xa3 spans two 136-byte blocks; the digest is from the Keccak team's test set.
    byte[] input = new byte[200];
    java.util.Arrays.fill(input, (byte) 0xa3);
    assertEquals(
        "0x3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a",
        Hex.encode(Keccak256.hash(input)));
  }

  @Test
  void keccakOfEmptyInput() {
    assertEquals(
        "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        Hex.encode(Keccak256.hash(new byte[0])));
  }
}
