package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * A point of the sextic twist E': y² = x³ + 3/ξ over F_p², in Jacobian coordinates; Z = 0 is the
 * point at infinity. Unlike G1, the twist's group is much larger than r, so a point on the curve
 * still has to pass {@link #isInSubgroup()} to be in G2.
 */
record G2Point(Fp2 x, Fp2 y, Fp2 z) {

  /** The BN parameter u: p = 36u⁴ + 36u³ + 24u² + 6u + 1. */
  static final BigInteger U = new BigInteger("4965661367192848881");

  static final Fp2 B = Fp2.of(BigInteger.valueOf(3), BigInteger.ZERO).mul(Fp2.XI.inverse());

  static final G2Point INFINITY = new G2Point(Fp2.ONE, Fp2.ONE, Fp2.ZERO);

  private static final int[] U_NAF = NonAdjacentForm.of(U);

  private static final Fp2 PSI_X = Fp12.frobeniusCoefficient(1, 2);
  private static final Fp2 PSI_Y = Fp12.frobeniusCoefficient(1, 3);

  static G2Point affine(Fp2 x, Fp2 y) {
    return new G2Point(x, y, Fp2.ONE);
  }

  /** Whether affine (x, y) satisfies y² = x³ + 3/ξ. */
  static boolean isOnCurve(Fp2 x, Fp2 y) {
    return y.square().equals(x.square().mul(x).add(B));
  }

  boolean isInfinity() {
    return z.isZero();
  }

  G2Point neg() {
    return new G2Point(x, y.neg(), z);
  }

  /** Doubling for a = 0 (dbl-2009-l). */
  G2Point dbl() {
    if (isInfinity()) {
      return this;
    }
    Fp2 a = x.square();
    Fp2 b = y.square();
    Fp2 c = b.square();
    Fp2 d = x.add(b).square().sub(a).sub(c).dbl();
    Fp2 e = a.dbl().add(a);
    Fp2 f = e.square();
    Fp2 x3 = f.sub(d.dbl());
    Fp2 y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    Fp2 z3 = y.mul(z).dbl();
    return new G2Point(x3, y3, z3);
  }

  /** General addition (add-2007-bl), falling back to doubling when both inputs are equal. */
  G2Point add(G2Point q) {
    if (isInfinity()) {
      return q;
    }
    if (q.isInfinity()) {
      return this;
    }
    Fp2 z1z1 = z.square();
    Fp2 z2z2 = q.z.square();
    Fp2 u1 = x.mul(z2z2);
    Fp2 u2 = q.x.mul(z1z1);
    Fp2 s1 = y.mul(q.z).mul(z2z2);
    Fp2 s2 = q.y.mul(z).mul(z1z1);
    Fp2 h = u2.sub(u1);
    Fp2 r = s2.sub(s1).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : INFINITY;
    }
    Fp2 i = h.dbl().square();
    Fp2 j = h.mul(i);
    Fp2 v = u1.mul(i);
    Fp2 x3 = r.square().sub(j).sub(v.dbl());
    Fp2 y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    Fp2 z3 = z.add(q.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new G2Point(x3, y3, z3);
  }

  /** k·this for k ≥ 0 by double-and-add, not reduced mod r (the point may lie outside G2). */
  G2Point mul(BigInteger k) {
    G2Point acc = INFINITY;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = acc.dbl();
      if (k.testBit(i)) {
        acc = acc.add(this);
      }
    }
    return acc;
  }

  /**
   * The endomorphism ψ = untwist ∘ Frobenius ∘ twist: (x, y) ↦ (x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2)). On
   * Jacobian coordinates conjugating Z as well keeps x = X/Z² and y = Y/Z³ consistent.
   */
  G2Point psi() {
    return new G2Point(x.conjugate().mul(PSI_X), y.conjugate().mul(PSI_Y), z.conjugate());
  }

  /**
   * Membership in the order-r subgroup for a point on the twist, by the endomorphism test of El
   * Housni, Guillevic and Piellard ("Co-factor clearing and subgroup membership testing on
   * pairing-friendly curves", 2022, sections 3 and 5.1): Q ∈ G2 ⇔ [u+1]Q + ψ([u]Q) + ψ²([u]Q) =
   * ψ³([2u]Q). It needs one 63-bit multiplication instead of the 254-bit [r]Q = O.
   */
  boolean isInSubgroup() {
    G2Point uq = mulByU();
    G2Point psiUq = uq.psi();
    G2Point lhs = uq.add(this).add(psiUq).add(psiUq.psi());
    G2Point rhs = uq.dbl().psi().psi().psi();
    return lhs.sameAs(rhs);
  }

  /** [u]this, over u's non-adjacent form. */
  private G2Point mulByU() {
    G2Point negated = neg();
    G2Point acc = this;
    for (int i = U_NAF.length - 2; i >= 0; i--) {
      acc = acc.dbl();
      if (U_NAF[i] > 0) {
        acc = acc.add(this);
      } else if (U_NAF[i] < 0) {
        acc = acc.add(negated);
      }
    }
    return acc;
  }

  /** Equality as points (Jacobian representations differ by a factor λ²/λ³). */
  boolean sameAs(G2Point q) {
    if (isInfinity() || q.isInfinity()) {
      return isInfinity() == q.isInfinity();
    }
    Fp2 z1z1 = z.square();
    Fp2 z2z2 = q.z.square();
    return x.mul(z2z2).equals(q.x.mul(z1z1)) && y.mul(q.z).mul(z2z2).equals(q.y.mul(z).mul(z1z1));
  }

  /** Affine {x, y}; only meaningful for a point other than infinity. */
  Fp2[] toAffine() {
    Fp2 zInverse = z.inverse();
    Fp2 zInverse2 = zInverse.square();
    return new Fp2[] {x.mul(zInverse2), y.mul(zInverse2).mul(zInverse)};
  }
}
