package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;

/** Points and field elements for tests: the EIP-197 generators, random multiples, twist points. */
final class TestPoints {

  /** G2's generator P2 as printed in EIP-197 (x = a·i + b, y = c·i + d). */
  static final Fp2 P2_X =
      Fp2.of(
          new BigInteger(
              "10857046999023057135944570762232829481370756359578518086990519993285655852781"),
          new BigInteger(
              "11559732032986387107991004021392285783925812861821192530917403151452391805634"));

  static final Fp2 P2_Y =
      Fp2.of(
          new BigInteger(
              "8495653923123431417604973247489272438418190587263600148770280649306958101930"),
          new BigInteger(
              "4082367875863433681332203403145435568316851327593401208105741076214120093531"));

  static final G2Point G2_GENERATOR = G2Point.affine(P2_X, P2_Y);

  static final BigInteger P = Fp.MODULUS;
  static final BigInteger R = G1Point.ORDER;

  private TestPoints() {}

  static BigInteger randomBelow(Random random, BigInteger bound) {
    BigInteger v;
    do {
      v = new BigInteger(bound.bitLength(), random);
    } while (v.compareTo(bound) >= 0);
    return v;
  }

  static Fp randomFp(Random random) {
    return Fp.of(randomBelow(random, P));
  }

  static Fp2 randomFp2(Random random) {
    return new Fp2(randomFp(random), randomFp(random));
  }

  static Fp6 randomFp6(Random random) {
    return new Fp6(randomFp2(random), randomFp2(random), randomFp2(random));
  }

  static Fp12 randomFp12(Random random) {
    return new Fp12(randomFp6(random), randomFp6(random));
  }

  static BigInteger randomScalar(Random random) {
    return randomBelow(random, R.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  /**
   * A square root in F_p² for p ≡ 3 (mod 4), Adj and Rodríguez-Henríquez, "Square root computation
   * over even extension fields", Algorithm 9; empty for a non-square.
   */
  static Optional<Fp2> sqrt(Fp2 a) {
    Fp2 a1 = a.pow(P.subtract(BigInteger.valueOf(3)).shiftRight(2));
    Fp2 alpha = a1.square().mul(a);
    Fp2 minusOne = Fp2.ONE.neg();
    Fp2 x0 = a1.mul(a);
    Fp2 root;
    if (alpha.equals(minusOne)) {
      root = new Fp2(Fp.ZERO, Fp.ONE).mul(x0);
    } else {
      root = Fp2.ONE.add(alpha).pow(P.subtract(BigInteger.ONE).shiftRight(1)).mul(x0);
    }
    return root.square().equals(a) ? Optional.of(root) : Optional.empty();
  }

  /** A random point on the twist E'(F_p²); almost surely not in G2 (the cofactor is ≈ p). */
  static G2Point randomTwistPoint(Random random) {
    while (true) {
      Fp2 x = randomFp2(random);
      Optional<Fp2> y = sqrt(x.square().mul(x).add(G2Point.B));
      if (y.isPresent()) {
        return G2Point.affine(x, y.get());
      }
    }
  }

  /** The 32-byte big-endian encoding of a non-negative integer below 2^256. */
  static byte[] word(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
