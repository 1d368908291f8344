package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;

/** An element c0 + c1·i of F_p² = F_p[i]/(i² + 1), the field G2's twist is defined over. */
record Fp2(Fp c0, Fp c1) {

  static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
  static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);

  /** ξ = 9 + i, the non-residue defining F_p⁶ = F_p²[v]/(v³ − ξ). */
  static final Fp2 XI = new Fp2(Fp.of(9), Fp.ONE);

  static Fp2 of(BigInteger real, BigInteger imaginary) {
    return new Fp2(Fp.of(real), Fp.of(imaginary));
  }

  boolean isZero() {
    return c0.isZero() && c1.isZero();
  }

  Fp2 add(Fp2 b) {
    return new Fp2(c0.add(b.c0), c1.add(b.c1));
  }

  Fp2 sub(Fp2 b) {
    return new Fp2(c0.sub(b.c0), c1.sub(b.c1));
  }

  Fp2 dbl() {
    return new Fp2(c0.dbl(), c1.dbl());
  }

  Fp2 half() {
    return new Fp2(c0.half(), c1.half());
  }

  Fp2 neg() {
    return new Fp2(c0.neg(), c1.neg());
  }

  /** Karatsuba: three base-field products instead of four. */
  Fp2 mul(Fp2 b) {
    Fp v0 = c0.mul(b.c0);
    Fp v1 = c1.mul(b.c1);
    Fp cross = c0.add(c1).mul(b.c0.add(b.c1)).sub(v0).sub(v1);
    return new Fp2(v0.sub(v1), cross);
  }

  /** (a + bi)² = (a + b)(a − b) + 2ab·i: two products. */
  Fp2 square() {
    Fp ab = c0.mul(c1);
    return new Fp2(c0.add(c1).mul(c0.sub(c1)), ab.dbl());
  }

  Fp2 mul(Fp b) {
    return new Fp2(c0.mul(b), c1.mul(b));
  }

  /** Multiplication by ξ = 9 + i: (a + bi)(9 + i) = (9a − b) + (a + 9b)i, with additions only. */
  Fp2 mulByXi() {
    Fp a8 = c0.dbl().dbl().dbl();
    Fp b8 = c1.dbl().dbl().dbl();
    return new Fp2(a8.add(c0).sub(c1), b8.add(c1).add(c0));
  }

  /** The p-th power map, which on F_p² is conjugation. */
  Fp2 conjugate() {
    return new Fp2(c0, c1.neg());
  }

  /** 1/(a + bi) = (a − bi)/(a² + b²); zero maps to zero. */
  Fp2 inverse() {
    Fp normInverse = c0.square().add(c1.square()).inverse();
    return new Fp2(c0.mul(normInverse), c1.neg().mul(normInverse));
  }

  Fp2 pow(BigInteger e) {
    Fp2 result = ONE;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      result = result.square();
      if (e.testBit(i)) {
        result = result.mul(this);
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return c0 + " + " + c1 + "*i";
  }
}
