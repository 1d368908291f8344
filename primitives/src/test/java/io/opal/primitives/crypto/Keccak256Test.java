package io.opal.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.primitives.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class Keccak256Test {

  @Test
  void knownDigests() {
    assertEquals(
        "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        Hex.encode(Keccak256.hash(new byte[0])));
    assertEquals(
        "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        Hex.encode(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  /** Every length around the 136-byte block boundaries, against BouncyCastle's Keccak. */
  @Test
  void agreesWithBouncyCastleAtEveryLength() {
    Random r = new Random(42);
    for (int length = 0; length <= 700; length++) {
      byte[] data = new byte[length + 3];
      r.nextBytes(data);
      KeccakDigest digest = new KeccakDigest(256);
      digest.update(data, 3, length);
      byte[] expected = new byte[32];
      digest.doFinal(expected, 0);
      assertArrayEquals(expected, Keccak256.hash(data, 3, length), "length " + length);
      byte[] out = new byte[40];
      Keccak256.hash(data, 3, length, out, 5);
      assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 5, 37));
      // A reused state left over from the previous length's hash gives the same digest.
      Keccak256.hash(data, 3, length, out, 5, reused);
      assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 5, 37), "reused state");
    }
  }

  private final long[] reused = new long[25];

  @Test
  void rejectsAStateOfTheWrongSize() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Keccak256.hash(new byte[1], 0, 1, new byte[32], 0, new long[24]));
  }
}
