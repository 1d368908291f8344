package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.List;

/**
 * The optimal ate pairing on BN254: a Miller loop over 6u + 2 with the G2 point kept in homogeneous
 * projective coordinates on the twist (so no inversions), followed by the final exponentiation to
 * the power (p¹² − 1)/r.
 *
 * <p>A product of pairings shares one Miller loop accumulator (one F_p¹² squaring per step for all
 * pairs) and one final exponentiation, which is what the ECPAIRING check needs.
 */
final class OptimalAtePairing {

  /** 6u + 2 in non-adjacent form, least significant digit first. */
  private static final int[] LOOP_NAF =
      NonAdjacentForm.of(G2Point.U.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));

  /** u in non-adjacent form, for the exponentiations of the final exponentiation's hard part. */
  private static final int[] U_NAF = NonAdjacentForm.of(G2Point.U);

  /** 3·b' of the twist, used by the doubling step. */
  private static final Fp2 THREE_B = G2Point.B.dbl().add(G2Point.B);

  private static final Fp2 PSI_X = Fp12.frobeniusCoefficient(1, 2);
  private static final Fp2 PSI_Y = Fp12.frobeniusCoefficient(1, 3);

  private OptimalAtePairing() {}

  /** One input pair: affine P ∈ G1 and affine Q ∈ G2, neither at infinity. */
  record Pair(Fp px, Fp py, Fp2 qx, Fp2 qy) {}

  /** Whether e(P1, Q1)·…·e(Pk, Qk) = 1; an empty product is 1. */
  static boolean isProductOne(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return true;
    }
    return finalExponentiation(millerLoop(pairs)).isOne();
  }

  /** The reduced pairing value e(P, Q), for tests of bilinearity and non-degeneracy. */
  static Fp12 pairing(Pair pair) {
    return finalExponentiation(millerLoop(List.of(pair)));
  }

  /** The product of the Miller loop values f_{6u+2,Q}(P)·(line terms for π(Q), −π²(Q)). */
  static Fp12 millerLoop(List<Pair> pairs) {
    TwistPoint[] ts = new TwistPoint[pairs.size()];
    for (int k = 0; k < ts.length; k++) {
      Pair pair = pairs.get(k);
      ts[k] = new TwistPoint(pair.qx, pair.qy);
    }
    Fp12 f = Fp12.ONE;
    for (int i = LOOP_NAF.length - 1; i >= 1; i--) {
      if (i != LOOP_NAF.length - 1) {
        f = f.square();
      }
      for (int k = 0; k < ts.length; k++) {
        f = ts[k].doubleStep(f, pairs.get(k));
      }
      int digit = LOOP_NAF[i - 1];
      if (digit != 0) {
        for (int k = 0; k < ts.length; k++) {
          Pair pair = pairs.get(k);
          Fp2 qy = digit > 0 ? pair.qy : pair.qy.neg();
          f = ts[k].addStep(f, pair.qx, qy, pair);
        }
      }
    }
    // The two extra lines of the optimal ate pairing: through π(Q) and then −π²(Q).
    for (int k = 0; k < ts.length; k++) {
      Pair pair = pairs.get(k);
      Fp2 q1x = pair.qx.conjugate().mul(PSI_X);
      Fp2 q1y = pair.qy.conjugate().mul(PSI_Y);
      Fp2 q2x = q1x.conjugate().mul(PSI_X);
      Fp2 q2y = q1y.conjugate().mul(PSI_Y).neg();
      f = ts[k].addStep(f, q1x, q1y, pair);
      f = ts[k].addStep(f, q2x, q2y, pair);
    }
    return f;
  }

  /**
   * f^((p¹² − 1)/r)·(up to a fixed power coprime to r). Easy part f^((p⁶ − 1)(p² + 1)) with one
   * inversion and Frobenius maps; hard part after Fuentes-Castañeda, Knapp and Rodríguez-Henríquez
   * ("Faster hashing to G2"), which computes the hard part raised to 2u(6u² + 3u + 1), a multiple
   * that does not change whether the result is 1 because it is coprime to r.
   */
  static Fp12 finalExponentiation(Fp12 f) {
    Fp12 t = f.conjugate().mul(f.inverse());
    Fp12 r = t.frobenius(2).mul(t);

    Fp12 y0 = expByNegU(r);
    Fp12 y1 = y0.cyclotomicSquare();
    Fp12 y2 = y1.cyclotomicSquare();
    Fp12 y3 = y2.mul(y1);
    Fp12 y4 = expByNegU(y3);
    Fp12 y5 = y4.cyclotomicSquare();
    Fp12 y6 = expByNegU(y5).conjugate();
    y3 = y3.conjugate();
    Fp12 y7 = y6.mul(y4);
    Fp12 y8 = y7.mul(y3);
    Fp12 y9 = y8.mul(y1);
    Fp12 y10 = y8.mul(y4);
    Fp12 y11 = y10.mul(r);
    Fp12 y13 = y9.frobenius(1).mul(y11);
    Fp12 y14 = y8.frobenius(2).mul(y13);
    Fp12 y15 = r.conjugate().mul(y9).frobenius(3);
    return y15.mul(y14);
  }

  /** f^(−u) for f in the cyclotomic subgroup, where inversion is conjugation. */
  private static Fp12 expByNegU(Fp12 f) {
    Fp12 inverse = f.conjugate();
    Fp12 acc = f; // the top NAF digit of u is 1
    for (int i = U_NAF.length - 2; i >= 0; i--) {
      acc = acc.cyclotomicSquare();
      if (U_NAF[i] > 0) {
        acc = acc.mul(f);
      } else if (U_NAF[i] < 0) {
        acc = acc.mul(inverse);
      }
    }
    return acc.conjugate();
  }

  /**
   * The running multiple T of Q in homogeneous projective coordinates (x = X/Z, y = Y/Z). Each step
   * moves T and multiplies f by the line through the points involved, evaluated at P.
   *
   * <p>On the D-type twist the untwisted line l(P) = y_P − λ'·x_P·w + (λ'·x' − y')·w³ (with w³ =
   * v·w), scaled by factors in F_p² that the final exponentiation removes, is sparse: it has F_p¹²
   * coordinates only at 1, w and v·w, hence {@link Fp12#mulBy034}. Formulas: Costello, Lange and
   * Naehrig, "Faster pairing computations on curves with high-degree twists" (2010).
   */
  private static final class TwistPoint {
    private Fp2 x;
    private Fp2 y;
    private Fp2 z;

    TwistPoint(Fp2 x, Fp2 y) {
      this.x = x;
      this.y = y;
      this.z = Fp2.ONE;
    }

    /** T ← 2T; returns f·(tangent line at T)(P). */
    Fp12 doubleStep(Fp12 f, Pair pair) {
      Fp2 a = x.mul(y).half();
      Fp2 b = y.square();
      Fp2 c = z.square();
      Fp2 e = c.mul(THREE_B);
      Fp2 threeE = e.dbl().add(e);
      Fp2 g = b.add(threeE).half();
      Fp2 h = y.add(z).square().sub(b.add(c));
      Fp2 i = e.sub(b);
      Fp2 j = x.square();
      Fp2 eSquared = e.square();
      x = a.mul(b.sub(threeE));
      y = g.square().sub(eSquared.dbl().add(eSquared));
      z = b.mul(h);
      return f.mulBy034(h.neg().mul(pair.py), j.dbl().add(j).mul(pair.px), i);
    }

    /** T ← T + (qx, qy) for affine (qx, qy); returns f·(line through T and it)(P). */
    Fp12 addStep(Fp12 f, Fp2 qx, Fp2 qy, Pair pair) {
      Fp2 theta = y.sub(qy.mul(z));
      Fp2 lambda = x.sub(qx.mul(z));
      Fp2 c = theta.square();
      Fp2 d = lambda.square();
      Fp2 e = lambda.mul(d);
      Fp2 ff = z.mul(c);
      Fp2 g = x.mul(d);
      Fp2 h = e.add(ff).sub(g.dbl());
      x = lambda.mul(h);
      y = theta.mul(g.sub(h)).sub(e.mul(y));
      z = z.mul(e);
      Fp2 j = theta.mul(qx).sub(lambda.mul(qy));
      return f.mulBy034(lambda.mul(pair.py), theta.neg().mul(pair.px), j);
    }
  }
}
