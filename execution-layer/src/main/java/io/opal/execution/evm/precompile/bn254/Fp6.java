package io.opal.execution.evm.precompile.bn254;

/** An element c0 + c1·v + c2·v² of F_p⁶ = F_p²[v]/(v³ − ξ), the middle of the F_p¹² tower. */
record Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {

  static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
  static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

  boolean isZero() {
    return c0.isZero() && c1.isZero() && c2.isZero();
  }

  Fp6 add(Fp6 b) {
    return new Fp6(c0.add(b.c0), c1.add(b.c1), c2.add(b.c2));
  }

  Fp6 sub(Fp6 b) {
    return new Fp6(c0.sub(b.c0), c1.sub(b.c1), c2.sub(b.c2));
  }

  Fp6 neg() {
    return new Fp6(c0.neg(), c1.neg(), c2.neg());
  }

  /**
   * Karatsuba-style interpolation (Devegili et al., "Multiplication and squaring on
   * pairing-friendly fields"): six F_p² products instead of nine; v³ folds back in as ξ.
   */
  Fp6 mul(Fp6 b) {
    Fp2 v0 = c0.mul(b.c0);
    Fp2 v1 = c1.mul(b.c1);
    Fp2 v2 = c2.mul(b.c2);
    Fp2 t0 = c1.add(c2).mul(b.c1.add(b.c2)).sub(v1).sub(v2);
    Fp2 t1 = c0.add(c1).mul(b.c0.add(b.c1)).sub(v0).sub(v1);
    Fp2 t2 = c0.add(c2).mul(b.c0.add(b.c2)).sub(v0).sub(v2);
    return new Fp6(v0.add(t0.mulByXi()), t1.add(v2.mulByXi()), t2.add(v1));
  }

  /** Chung–Hasan SQR2: three squarings and two products instead of six products. */
  Fp6 square() {
    Fp2 s0 = c0.square();
    Fp2 s1 = c0.mul(c1).dbl();
    Fp2 s2 = c0.sub(c1).add(c2).square();
    Fp2 s3 = c1.mul(c2).dbl();
    Fp2 s4 = c2.square();
    return new Fp6(s0.add(s3.mulByXi()), s1.add(s4.mulByXi()), s1.add(s2).add(s3).sub(s0).sub(s4));
  }

  Fp6 mul(Fp2 b) {
    return new Fp6(c0.mul(b), c1.mul(b), c2.mul(b));
  }

  /** Multiplication by v: (c0, c1, c2)·v = (ξ·c2, c0, c1). */
  Fp6 mulByV() {
    return new Fp6(c2.mulByXi(), c0, c1);
  }

  /** Multiplication by the sparse b0 + b1·v (as produced by line functions): five products. */
  Fp6 mulBy01(Fp2 b0, Fp2 b1) {
    Fp2 v0 = c0.mul(b0);
    Fp2 v1 = c1.mul(b1);
    Fp2 r0 = c1.add(c2).mul(b1).sub(v1).mulByXi().add(v0);
    Fp2 r1 = c0.add(c1).mul(b0.add(b1)).sub(v0).sub(v1);
    Fp2 r2 = c0.add(c2).mul(b0).sub(v0).add(v1);
    return new Fp6(r0, r1, r2);
  }

  /** The inverse via the norm to F_p²; zero maps to zero. */
  Fp6 inverse() {
    Fp2 t0 = c0.square().sub(c1.mul(c2).mulByXi());
    Fp2 t1 = c2.square().mulByXi().sub(c0.mul(c1));
    Fp2 t2 = c1.square().sub(c0.mul(c2));
    Fp2 det = c0.mul(t0).add(c2.mul(t1).add(c1.mul(t2)).mulByXi());
    Fp2 detInverse = det.inverse();
    return new Fp6(t0.mul(detInverse), t1.mul(detInverse), t2.mul(detInverse));
  }
}
