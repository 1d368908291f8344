package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * A point of G1, the curve y² = x³ + 3 over F_p, in Jacobian coordinates (x = X/Z², y = Y/Z³); Z =
 * 0 is the point at infinity. The curve has prime order, so every point on it is in G1.
 */
record G1Point(Fp x, Fp y, Fp z) {

  static final Fp B = Fp.of(3);

  static final G1Point INFINITY = new G1Point(Fp.ONE, Fp.ONE, Fp.ZERO);

  /** The generator (1, 2) of EIP-196/197. */
  static final G1Point GENERATOR = new G1Point(Fp.ONE, Fp.of(2), Fp.ONE);

  /** The prime order r of G1 and G2. */
  static final BigInteger ORDER =
      new BigInteger(
          "21888242871839275222246405745257275088548364400416034343698204186575808495617");

  static G1Point affine(Fp x, Fp y) {
    return new G1Point(x, y, Fp.ONE);
  }

  /** Whether affine (x, y) satisfies y² = x³ + 3. */
  static boolean isOnCurve(Fp x, Fp y) {
    return y.square().equals(x.square().mul(x).add(B));
  }

  boolean isInfinity() {
    return z.isZero();
  }

  G1Point neg() {
    return new G1Point(x, y.neg(), z);
  }

  /** Doubling for a = 0 (dbl-2009-l): 2 products and 5 squarings. */
  G1Point dbl() {
    if (isInfinity()) {
      return this;
    }
    Fp a = x.square();
    Fp b = y.square();
    Fp c = b.square();
    Fp d = x.add(b).square().sub(a).sub(c).dbl();
    Fp e = a.dbl().add(a);
    Fp f = e.square();
    Fp x3 = f.sub(d.dbl());
    Fp y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    Fp z3 = y.mul(z).dbl();
    return new G1Point(x3, y3, z3);
  }

  /** General addition (add-2007-bl), falling back to doubling when both inputs are equal. */
  G1Point add(G1Point q) {
    if (isInfinity()) {
      return q;
    }
    if (q.isInfinity()) {
      return this;
    }
    Fp z1z1 = z.square();
    Fp z2z2 = q.z.square();
    Fp u1 = x.mul(z2z2);
    Fp u2 = q.x.mul(z1z1);
    Fp s1 = y.mul(q.z).mul(z2z2);
    Fp s2 = q.y.mul(z).mul(z1z1);
    Fp h = u2.sub(u1);
    Fp r = s2.sub(s1).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : INFINITY;
    }
    Fp i = h.dbl().square();
    Fp j = h.mul(i);
    Fp v = u1.mul(i);
    Fp x3 = r.square().sub(j).sub(v.dbl());
    Fp y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    Fp z3 = z.add(q.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new G1Point(x3, y3, z3);
  }

  /**
   * k·this for any non-negative k, with a fixed 4-bit window: 15 precomputed multiples, then four
   * doublings and at most one addition per nibble. G1 has prime order r, so k is reduced mod r
   * first (EIP-196 allows scalars up to 2^256 − 1).
   */
  G1Point mul(BigInteger k) {
    BigInteger scalar = k.mod(ORDER);
    if (scalar.signum() == 0 || isInfinity()) {
      return INFINITY;
    }
    G1Point[] table = new G1Point[16];
    table[0] = INFINITY;
    table[1] = this;
    for (int i = 2; i < 16; i++) {
      table[i] = table[i - 1].add(this);
    }
    G1Point acc = INFINITY;
    for (int nibble = (scalar.bitLength() + 3) / 4 - 1; nibble >= 0; nibble--) {
      acc = acc.dbl().dbl().dbl().dbl();
      int digit = 0;
      for (int bit = 3; bit >= 0; bit--) {
        digit = (digit << 1) | (scalar.testBit(nibble * 4 + bit) ? 1 : 0);
      }
      acc = acc.add(table[digit]);
    }
    return acc;
  }

  /** The 64-byte EIP-196 encoding x ‖ y of the affine point; infinity encodes as (0, 0). */
  byte[] toBytes() {
    byte[] out = new byte[64];
    if (!isInfinity()) {
      Fp zInverse = z.inverse();
      Fp zInverse2 = zInverse.square();
      x.mul(zInverse2).toBytes(out, 0);
      y.mul(zInverse2).mul(zInverse).toBytes(out, 32);
    }
    return out;
  }

  /** Equality as points (Jacobian representations differ by a factor λ²/λ³). */
  boolean sameAs(G1Point q) {
    if (isInfinity() || q.isInfinity()) {
      return isInfinity() == q.isInfinity();
    }
    Fp z1z1 = z.square();
    Fp z2z2 = q.z.square();
    return x.mul(z2z2).equals(q.x.mul(z1z1)) && y.mul(q.z).mul(z2z2).equals(q.y.mul(z).mul(z1z1));
  }
}
