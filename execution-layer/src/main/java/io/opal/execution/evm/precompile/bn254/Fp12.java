package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * An element c0 + c1·w of F_p¹² = F_p⁶[w]/(w² − v), where pairing values live.
 *
 * <p>Seen over F_p², an element is Σ g_j·w^j (j = 0..5) with g0 = c0.c0, g2 = c0.c1, g4 = c0.c2, g1
 * = c1.c0, g3 = c1.c1, g5 = c1.c2, and w⁶ = ξ. The Frobenius maps and the cyclotomic squaring below
 * work on that view.
 */
record Fp12(Fp6 c0, Fp6 c1) {

  static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

  /**
   * FROBENIUS[k][j] = ξ^(j·(p^k − 1)/6): (g·w^j)^(p^k) = g^(p^k)·w^j·FROBENIUS[k][j]. Computed once
   * from ξ rather than transcribed, so there is no table of magic numbers to get wrong.
   */
  private static final Fp2[][] FROBENIUS = new Fp2[4][6];

  static {
    for (int k = 1; k <= 3; k++) {
      BigInteger exponent =
          Fp.MODULUS.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
      Fp2 gamma = Fp2.XI.pow(exponent);
      Fp2 power = Fp2.ONE;
      for (int j = 0; j < 6; j++) {
        FROBENIUS[k][j] = power;
        power = power.mul(gamma);
      }
    }
  }

  /** ξ^(j·(p^k − 1)/6); the twist's endomorphism ψ scales x by (k, j) = (1, 2) and y by (1, 3). */
  static Fp2 frobeniusCoefficient(int k, int j) {
    return FROBENIUS[k][j];
  }

  boolean isOne() {
    return equals(ONE);
  }

  Fp12 mul(Fp12 b) {
    Fp6 aa = c0.mul(b.c0);
    Fp6 bb = c1.mul(b.c1);
    Fp6 cross = c0.add(c1).mul(b.c0.add(b.c1)).sub(aa).sub(bb);
    return new Fp12(aa.add(bb.mulByV()), cross);
  }

  /** Complex squaring: (a + bw)² = (a + b)(a + vb) − ab − v·ab + 2ab·w, two F_p⁶ products. */
  Fp12 square() {
    Fp6 ab = c0.mul(c1);
    Fp6 r0 = c0.add(c1).mul(c0.add(c1.mulByV())).sub(ab).sub(ab.mulByV());
    return new Fp12(r0, ab.add(ab));
  }

  /**
   * Multiplication by the sparse d0 + d3·w + d4·v·w that a line function evaluates to on the D-type
   * twist: 13 F_p² products instead of 18.
   */
  Fp12 mulBy034(Fp2 d0, Fp2 d3, Fp2 d4) {
    Fp6 a = c0.mul(d0);
    Fp6 b = c1.mulBy01(d3, d4);
    Fp6 e = c0.add(c1).mulBy01(d0.add(d3), d4);
    return new Fp12(a.add(b.mulByV()), e.sub(a).sub(b));
  }

  /** The p⁶-th power; on the cyclotomic subgroup (after the easy part) this is the inverse. */
  Fp12 conjugate() {
    return new Fp12(c0, c1.neg());
  }

  /** (a + bw)⁻¹ = (a − bw)/(a² − v·b²); zero maps to zero. */
  Fp12 inverse() {
    Fp6 normInverse = c0.square().sub(c1.square().mulByV()).inverse();
    return new Fp12(c0.mul(normInverse), c1.mul(normInverse).neg());
  }

  /** The p^k-th power for k in 1..3, coefficient by coefficient. */
  Fp12 frobenius(int k) {
    Fp2[] gamma = FROBENIUS[k];
    boolean odd = (k & 1) == 1;
    return new Fp12(
        new Fp6(
            frob(c0.c0(), odd).mul(gamma[0]),
            frob(c0.c1(), odd).mul(gamma[2]),
            frob(c0.c2(), odd).mul(gamma[4])),
        new Fp6(
            frob(c1.c0(), odd).mul(gamma[1]),
            frob(c1.c1(), odd).mul(gamma[3]),
            frob(c1.c2(), odd).mul(gamma[5])));
  }

  private static Fp2 frob(Fp2 g, boolean odd) {
    return odd ? g.conjugate() : g;
  }

  /**
   * Squaring valid only in the cyclotomic subgroup (elements f with f^(p⁴ − p² + 1) = 1, which
   * every value is after the easy part of the final exponentiation), after Granger and Scott,
   * "Faster squaring in the cyclotomic subgroup of sixth degree extensions". Viewing the element as
   * A + B·w + C·w² over F_p⁴ = F_p²[y]/(y² − ξ), y = w³: A' = 3A² − 2Ā, B' = 3y·C² + 2B̄, C' = 3B²
   * − 2C̄ (bar: y ↦ −y). Six F_p² products instead of the twelve of a general squaring.
   */
  Fp12 cyclotomicSquare() {
    Fp2 a0 = c0.c0();
    Fp2 a1 = c1.c1();
    Fp2 b0 = c1.c0();
    Fp2 b1 = c0.c2();
    Fp2 e0 = c0.c1();
    Fp2 e1 = c1.c2();

    Fp2[] aa = fp4Square(a0, a1);
    Fp2[] bb = fp4Square(b0, b1);
    Fp2[] cc = fp4Square(e0, e1);

    Fp2 na0 = triple(aa[0]).sub(a0.dbl());
    Fp2 na1 = triple(aa[1]).add(a1.dbl());
    Fp2 nb0 = triple(cc[1].mulByXi()).add(b0.dbl());
    Fp2 nb1 = triple(cc[0]).sub(b1.dbl());
    Fp2 ne0 = triple(bb[0]).sub(e0.dbl());
    Fp2 ne1 = triple(bb[1]).add(e1.dbl());
    return new Fp12(new Fp6(na0, ne0, nb1), new Fp6(nb0, na1, ne1));
  }

  /**
   * (z0 + z1·y)² = (z0² + ξ·z1²) + 2·z0·z1·y over F_p⁴, from three F_p² squarings: 2·z0·z1 = (z0 +
   * z1)² − z0² − z1², which needs one multiplication by ξ fewer than the Karatsuba form.
   */
  private static Fp2[] fp4Square(Fp2 z0, Fp2 z1) {
    Fp2 s0 = z0.square();
    Fp2 s1 = z1.square();
    Fp2 cross = z0.add(z1).square().sub(s0).sub(s1);
    return new Fp2[] {s1.mulByXi().add(s0), cross};
  }

  private static Fp2 triple(Fp2 x) {
    return x.dbl().add(x);
  }

  /** this^e by square-and-multiply with general squarings; for tests and one-off constants. */
  Fp12 pow(BigInteger e) {
    Fp12 result = ONE;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      result = result.square();
      if (e.testBit(i)) {
        result = result.mul(this);
      }
    }
    return result;
  }
}
