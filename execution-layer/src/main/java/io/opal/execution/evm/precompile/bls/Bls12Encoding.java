package io.opal.execution.evm.precompile.bls;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * EIP-2537's byte encodings, translated to and from blst's.
 *
 * <p>EIP-2537 writes a base-field element as 64 big-endian bytes (16 zero bytes, then 48) and an
 * Fp2 element as c0 ‖ c1; the point at infinity is all zeros. blst's uncompressed serialization is
 * 48 bytes per element, writes Fp2 as c1 ‖ c0, and uses the three top bits of the first byte as
 * flags (infinity = 0x40). Every element is range-checked here before blst sees it, so a value with
 * those bits set (which is at least p) can never be read as a flag.
 */
final class Bls12Encoding {
  static final int FP_LENGTH = 64;
  static final int G1_LENGTH = 2 * FP_LENGTH;
  static final int G2_LENGTH = 4 * FP_LENGTH;
  static final int SCALAR_LENGTH = 32;

  /** Bytes of padding above each 48-byte element. */
  private static final int PAD = 16;

  private static final int BLST_FP_LENGTH = 48;

  /** The base-field modulus p, 48 bytes big-endian. */
  private static final byte[] P =
      Hex.decode(
          "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");

  /** The order r of G1, G2 and GT. */
  static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private Bls12Encoding() {}

  /** Checks the Fp element at {@code offset}: top 16 bytes zero and the value below p. */
  static void checkFp(byte[] input, int offset) {
    for (int i = 0; i < PAD; i++) {
      if (input[offset + i] != 0) {
        throw new DecodingException(offset + i, "field element's top 16 bytes must be zero");
      }
    }
    int from = offset + PAD;
    if (Arrays.compareUnsigned(input, from, from + BLST_FP_LENGTH, P, 0, P.length) >= 0) {
      throw new DecodingException(offset, "field element is not below the modulus p");
    }
  }

  /**
   * Reads a G1 point (128 bytes at {@code offset}): both coordinates in range, on the curve, and
   * when {@code subgroupCheck} in the subgroup of order r.
   */
  static P1_Affine decodeG1(byte[] input, int offset, boolean subgroupCheck) {
    checkFp(input, offset);
    checkFp(input, offset + FP_LENGTH);
    if (isZero(input, offset, G1_LENGTH)) {
      return new P1_Affine();
    }
    byte[] raw = new byte[2 * BLST_FP_LENGTH];
    copyElement(input, offset, raw, 0);
    copyElement(input, offset + FP_LENGTH, raw, 1);
    P1_Affine point;
    try {
      point = new P1_Affine(raw);
    } catch (RuntimeException e) {
      // blst's deserializer throws BLST_ERROR here only for a point off the curve: range and
      // flags were checked above
      throw new DecodingException(offset, "G1 point is not on the curve", e);
    }
    if (subgroupCheck && !point.in_group()) {
      throw new DecodingException(offset, "G1 point is not in the subgroup of order r");
    }
    return point;
  }

  /** Reads a G2 point (256 bytes at {@code offset}); see {@link #decodeG1}. */
  static P2_Affine decodeG2(byte[] input, int offset, boolean subgroupCheck) {
    for (int i = 0; i < 4; i++) {
      checkFp(input, offset + i * FP_LENGTH);
    }
    if (isZero(input, offset, G2_LENGTH)) {
      return new P2_Affine();
    }
    byte[] raw = new byte[4 * BLST_FP_LENGTH];
    // EIP-2537: x.c0 x.c1 y.c0 y.c1; blst: x.c1 x.c0 y.c1 y.c0
    copyElement(input, offset, raw, 1);
    copyElement(input, offset + FP_LENGTH, raw, 0);
    copyElement(input, offset + 2 * FP_LENGTH, raw, 3);
    copyElement(input, offset + 3 * FP_LENGTH, raw, 2);
    P2_Affine point;
    try {
      point = new P2_Affine(raw);
    } catch (RuntimeException e) {
      throw new DecodingException(offset, "G2 point is not on the curve", e);
    }
    if (subgroupCheck && !point.in_group()) {
      throw new DecodingException(offset, "G2 point is not in the subgroup of order r");
    }
    return point;
  }

  /**
   * Reads the 32-byte big-endian scalar at {@code offset}, reduced mod r. The EIP lets a scalar
   * take any 256-bit value; reducing it is exact because every MSM point was checked to be in the
   * subgroup of order r, and it keeps blst on its fast (endomorphism) multiplication path.
   */
  static BigInteger scalar(byte[] input, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(input, offset, offset + SCALAR_LENGTH)).mod(R);
  }

  static byte[] encodeG1(P1 point) {
    return point.is_inf() ? new byte[G1_LENGTH] : fromBlstG1(point.serialize());
  }

  static byte[] encodeG2(P2 point) {
    return point.is_inf() ? new byte[G2_LENGTH] : fromBlstG2(point.serialize());
  }

  /** EIP-2537 bytes of a point blst serialized uncompressed (96 bytes). */
  static byte[] fromBlstG1(byte[] serialized) {
    byte[] out = new byte[G1_LENGTH];
    if (isBlstInfinity(serialized)) {
      return out;
    }
    System.arraycopy(serialized, 0, out, PAD, BLST_FP_LENGTH);
    System.arraycopy(serialized, BLST_FP_LENGTH, out, FP_LENGTH + PAD, BLST_FP_LENGTH);
    return out;
  }

  /** EIP-2537 bytes of a point blst serialized uncompressed (192 bytes, c1 before c0). */
  static byte[] fromBlstG2(byte[] serialized) {
    byte[] out = new byte[G2_LENGTH];
    if (isBlstInfinity(serialized)) {
      return out;
    }
    int[] order = {1, 0, 3, 2};
    for (int i = 0; i < 4; i++) {
      System.arraycopy(
          serialized, order[i] * BLST_FP_LENGTH, out, i * FP_LENGTH + PAD, BLST_FP_LENGTH);
    }
    return out;
  }

  /** The 48 significant bytes of the Fp element at {@code offset} (already range-checked). */
  static byte[] fpBytes(byte[] input, int offset) {
    return Arrays.copyOfRange(input, offset + PAD, offset + FP_LENGTH);
  }

  static boolean isZero(byte[] input, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (input[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlstInfinity(byte[] serialized) {
    return (serialized[0] & 0x40) != 0;
  }

  /**
   * Copies the 48 significant bytes of the EIP element at {@code from} to blst slot {@code slot}.
   */
  private static void copyElement(byte[] input, int from, byte[] raw, int slot) {
    System.arraycopy(input, from + PAD, raw, slot * BLST_FP_LENGTH, BLST_FP_LENGTH);
  }
}
