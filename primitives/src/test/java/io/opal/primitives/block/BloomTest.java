package io.opal.primitives.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class BloomTest {

  /**
   * The yellow paper's M3:2048 written independently: the bloom as a 2048-bit big-endian number, in
   * which each item sets bits given by the low 11 bits of its hash's first three byte pairs.
   */
  private static BigInteger reference(byte[]... items) {
    BigInteger bloom = BigInteger.ZERO;
    for (byte[] item : items) {
      KeccakDigest digest = new KeccakDigest(256);
      digest.update(item, 0, item.length);
      byte[] h = new byte[32];
      digest.doFinal(h, 0);
      for (int pair = 0; pair < 3; pair++) {
        int bit = new BigInteger(1, new byte[] {h[2 * pair], h[2 * pair + 1]}).intValue() % 2048;
        bloom = bloom.setBit(bit);
      }
    }
    return bloom;
  }

  private static byte[] toBytes256(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[256];
    int n = Math.min(raw.length, 256);
    System.arraycopy(raw, raw.length - n, out, 256 - n, n);
    return out;
  }

  @Test
  void matchesTheYellowPaperDefinition() {
    Address a = Address.fromHex("0x4200000000000000000000000000000000000015");
    Hash t1 = Hash.keccak("Transfer(address,address,uint256)".getBytes());
    Hash t2 = Hash.keccak(new byte[] {7});
    Address b = Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");
    List<Log> logs =
        List.of(new Log(a, List.of(t1, t2), Bytes.EMPTY), new Log(b, List.of(), Bytes.of(1)));
    byte[] expected = toBytes256(reference(a.toArray(), t1.toArray(), t2.toArray(), b.toArray()));
    assertArrayEquals(expected, Bloom.of(logs).bytes().toArray());

    Bloom bloom = Bloom.of(logs);
    assertTrue(bloom.mightContain(a));
    assertTrue(bloom.mightContain(t1));
    assertTrue(bloom.mightContain(b));
    assertFalse(bloom.mightContain(Address.fromHex("0x" + "ab".repeat(20))));
  }

  @Test
  void unionIsBitwiseOr() {
    Log first = new Log(Address.ofLong(1), List.of(), Bytes.EMPTY);
    Log second = new Log(Address.ofLong(2), List.of(), Bytes.EMPTY);
    Bloom both = Bloom.of(List.of(first, second));
    assertEquals(both, Bloom.of(List.of(first)).or(Bloom.of(List.of(second))));
    assertTrue(both.contains(Bloom.of(List.of(first))));
    assertFalse(Bloom.of(List.of(first)).contains(both));
    assertEquals(Bloom.EMPTY, Bloom.of(List.of()));
  }
}
