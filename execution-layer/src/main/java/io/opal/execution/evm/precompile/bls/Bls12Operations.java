package io.opal.execution.evm.precompile.bls;

import static io.opal.execution.evm.precompile.bls.Bls12Encoding.FP_LENGTH;
import static io.opal.execution.evm.precompile.bls.Bls12Encoding.G1_LENGTH;
import static io.opal.execution.evm.precompile.bls.Bls12Encoding.G2_LENGTH;

import io.opal.primitives.DecodingException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.PT;

/**
 * The seven EIP-2537 operations, each from the precompile's input bytes to its output bytes. Bad
 * input throws {@link DecodingException}; the caller turns that into a precompile failure.
 */
final class Bls12Operations {
  /**
   * From this many terms on, blst's Pippenger is used: measured, it breaks even with one
   * multiplication per point at about 4 terms and is twice as fast at 8 (2.5 times at 128).
   */
  static final int PIPPENGER_MIN_POINTS = 8;

  private Bls12Operations() {}

  /** G1ADD: two points, on the curve but (per the EIP) not subgroup-checked. */
  static byte[] g1Add(byte[] input) {
    requireLength(input, 2 * G1_LENGTH);
    P1 sum = Bls12Encoding.decodeG1(input, 0, false).to_jacobian();
    sum.add(Bls12Encoding.decodeG1(input, G1_LENGTH, false));
    return Bls12Encoding.encodeG1(sum);
  }

  /** G2ADD: two points, on the curve but (per the EIP) not subgroup-checked. */
  static byte[] g2Add(byte[] input) {
    requireLength(input, 2 * G2_LENGTH);
    P2 sum = Bls12Encoding.decodeG2(input, 0, false).to_jacobian();
    sum.add(Bls12Encoding.decodeG2(input, G2_LENGTH, false));
    return Bls12Encoding.encodeG2(sum);
  }

  /**
   * G1MSM: Σ scalar_i · P_i over k ≥ 1 (point, scalar) pairs, every point subgroup-checked (even
   * when its scalar is 0). Pairs that contribute nothing (infinity, or a scalar ≡ 0 mod r) are
   * dropped; the rest go to blst's Pippenger, or, when few, are multiplied one by one.
   */
  static byte[] g1Msm(byte[] input) {
    int k = requirePairs(input, Bls12Gas.G1_MSM_PAIR_LENGTH);
    List<P1_Affine> points = new ArrayList<>(k);
    List<BigInteger> scalars = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int offset = i * Bls12Gas.G1_MSM_PAIR_LENGTH;
      P1_Affine point = Bls12Encoding.decodeG1(input, offset, true);
      BigInteger scalar = Bls12Encoding.scalar(input, offset + G1_LENGTH);
      if (scalar.signum() != 0 && !point.is_inf()) {
        points.add(point);
        scalars.add(scalar);
      }
    }
    return points.size() >= PIPPENGER_MIN_POINTS
        ? g1SumByPippenger(points, scalars)
        : g1SumOneByOne(points, scalars);
  }

  static byte[] g1SumByPippenger(List<P1_Affine> points, List<BigInteger> scalars) {
    List<byte[]> serialized = points.stream().map(P1_Affine::serialize).toList();
    return Bls12Encoding.fromBlstG1(BlstPippenger.get().g1(serialized, bytes32(scalars)));
  }

  static byte[] g1SumOneByOne(List<P1_Affine> points, List<BigInteger> scalars) {
    P1 sum = new P1();
    for (int i = 0; i < points.size(); i++) {
      sum.add(points.get(i).to_jacobian().mult(scalars.get(i)));
    }
    return Bls12Encoding.encodeG1(sum);
  }

  /** G2MSM: as {@link #g1Msm} over G2. */
  static byte[] g2Msm(byte[] input) {
    int k = requirePairs(input, Bls12Gas.G2_MSM_PAIR_LENGTH);
    List<P2_Affine> points = new ArrayList<>(k);
    List<BigInteger> scalars = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int offset = i * Bls12Gas.G2_MSM_PAIR_LENGTH;
      P2_Affine point = Bls12Encoding.decodeG2(input, offset, true);
      BigInteger scalar = Bls12Encoding.scalar(input, offset + G2_LENGTH);
      if (scalar.signum() != 0 && !point.is_inf()) {
        points.add(point);
        scalars.add(scalar);
      }
    }
    return points.size() >= PIPPENGER_MIN_POINTS
        ? g2SumByPippenger(points, scalars)
        : g2SumOneByOne(points, scalars);
  }

  static byte[] g2SumByPippenger(List<P2_Affine> points, List<BigInteger> scalars) {
    List<byte[]> serialized = points.stream().map(P2_Affine::serialize).toList();
    return Bls12Encoding.fromBlstG2(BlstPippenger.get().g2(serialized, bytes32(scalars)));
  }

  static byte[] g2SumOneByOne(List<P2_Affine> points, List<BigInteger> scalars) {
    P2 sum = new P2();
    for (int i = 0; i < points.size(); i++) {
      sum.add(points.get(i).to_jacobian().mult(scalars.get(i)));
    }
    return Bls12Encoding.encodeG2(sum);
  }

  /**
   * PAIRING_CHECK: whether Π e(P_i, Q_i) = 1 over k ≥ 1 (G1, G2) pairs, every point
   * subgroup-checked. A pair with an infinity contributes 1 and is skipped: the Miller loop is only
   * defined for finite points. The Miller loops are multiplied, then one final exponentiation.
   */
  static byte[] pairingCheck(byte[] input) {
    int k = requirePairs(input, Bls12Gas.PAIRING_PAIR_LENGTH);
    PT product = null;
    for (int i = 0; i < k; i++) {
      int offset = i * Bls12Gas.PAIRING_PAIR_LENGTH;
      P1_Affine p = Bls12Encoding.decodeG1(input, offset, true);
      P2_Affine q = Bls12Encoding.decodeG2(input, offset + G1_LENGTH, true);
      if (p.is_inf() || q.is_inf()) {
        continue;
      }
      PT miller = new PT(p, q);
      product = product == null ? miller : product.mul(miller);
    }
    return pairingWord(product == null || product.final_exp().is_one());
  }

  /** MAP_FP_TO_G1: map_to_curve (SSWU + 11-isogeny) then clear_cofactor, of one Fp element. */
  static byte[] mapFpToG1(byte[] input) {
    requireLength(input, FP_LENGTH);
    Bls12Encoding.checkFp(input, 0);
    byte[] point = BlstMapToCurve.get().mapToG1(Bls12Encoding.fpBytes(input, 0));
    return Bls12Encoding.fromBlstG1(point);
  }

  /** MAP_FP2_TO_G2: map_to_curve (SSWU + 3-isogeny) then clear_cofactor, of one Fp2 element. */
  static byte[] mapFp2ToG2(byte[] input) {
    requireLength(input, 2 * FP_LENGTH);
    Bls12Encoding.checkFp(input, 0);
    Bls12Encoding.checkFp(input, FP_LENGTH);
    byte[] point =
        BlstMapToCurve.get()
            .mapToG2(Bls12Encoding.fpBytes(input, 0), Bls12Encoding.fpBytes(input, FP_LENGTH));
    return Bls12Encoding.fromBlstG2(point);
  }

  private static void requireLength(byte[] input, int length) {
    if (input.length != length) {
      throw new DecodingException(-1, "input must be " + length + " bytes, got " + input.length);
    }
  }

  /** The number of pairs: the input must be a positive multiple of {@code pairLength}. */
  private static int requirePairs(byte[] input, int pairLength) {
    if (input.length == 0 || input.length % pairLength != 0) {
      throw new DecodingException(
          -1, "input must be a positive multiple of " + pairLength + " bytes, got " + input.length);
    }
    return input.length / pairLength;
  }

  /** 32-byte big-endian encodings of scalars in [0, r). */
  private static List<byte[]> bytes32(List<BigInteger> scalars) {
    List<byte[]> out = new ArrayList<>(scalars.size());
    for (BigInteger scalar : scalars) {
      byte[] minimal = scalar.toByteArray();
      byte[] fixed = new byte[32];
      int length = Math.min(minimal.length, 32);
      System.arraycopy(minimal, minimal.length - length, fixed, 32 - length, length);
      out.add(fixed);
    }
    return out;
  }

  private static byte[] pairingWord(boolean value) {
    byte[] word = new byte[32];
    word[31] = (byte) (value ? 1 : 0);
    return word;
  }
}
