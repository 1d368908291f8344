package io.opal.execution.state;

import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A 256-bit storage key or value as four 64-bit limbs ({@code w0} least significant). The EVM keeps
 * storage in this form because it converts to and from stack words without allocation beyond the
 * record itself, and hashes fast as a map key; {@link UInt256} is used at the API edges.
 */
public record Word256(long w0, long w1, long w2, long w3) {
  public static final Word256 ZERO = new Word256(0, 0, 0, 0);

  public static Word256 of(long value) {
    return value == 0 ? ZERO : new Word256(value, 0, 0, 0);
  }

  public boolean isZero() {
    return (w0 | w1 | w2 | w3) == 0;
  }

  /** Reads 32 big-endian bytes. */
  public static Word256 fromBytes(byte[] b32) {
    if (b32.length != 32) {
      throw new IllegalArgumentException("a word has 32 bytes, got " + b32.length);
    }
    return new Word256(limb(b32, 24), limb(b32, 16), limb(b32, 8), limb(b32, 0));
  }

  /** Reads up to 32 big-endian bytes (shorter input is left-padded with zeros). */
  public static Word256 fromBytesPadded(byte[] bytes) {
    if (bytes.length > 32) {
      throw new IllegalArgumentException("a word has at most 32 bytes, got " + bytes.length);
    }
    byte[] b32 = new byte[32];
    System.arraycopy(bytes, 0, b32, 32 - bytes.length, bytes.length);
    return fromBytes(b32);
  }

  public static Word256 fromUInt256(UInt256 v) {
    return fromBytes(v.toBytes().toArrayUnsafe());
  }

  private static long limb(byte[] b, int off) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r = (r << 8) | (b[off + i] & 0xFF);
    }
    return r;
  }

  /** 32 big-endian bytes. */
  public byte[] toBytes() {
    byte[] out = new byte[32];
    putLimb(out, 0, w3);
    putLimb(out, 8, w2);
    putLimb(out, 16, w1);
    putLimb(out, 24, w0);
    return out;
  }

  private static void putLimb(byte[] out, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      out[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  public UInt256 toUInt256() {
    return UInt256.fromBytes(Bytes32.wrap(toBytes()));
  }

  public Bytes32 toBytes32() {
    return Bytes32.wrap(toBytes());
  }

  @Override
  public String toString() {
    return toBytes32().toHexString();
  }
}
