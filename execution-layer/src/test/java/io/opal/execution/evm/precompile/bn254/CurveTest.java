package io.opal.execution.evm.precompile.bn254;

import static io.opal.execution.evm.precompile.bn254.TestPoints.G2_GENERATOR;
import static io.opal.execution.evm.precompile.bn254.TestPoints.P;
import static io.opal.execution.evm.precompile.bn254.TestPoints.R;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** G1 and G2 group laws, the EIP-197 generators, and the G2 subgroup check. */
class CurveTest {

  private static final AffineReference.Point P1 =
      new AffineReference.Point(BigInteger.ONE, BigInteger.TWO);

  /** #E'(F_p²) = r·(2p − r) for the BN sextic twist, so this clears the cofactor. */
  private static final BigInteger TWIST_COFACTOR = P.shiftLeft(1).subtract(R);

  private final Random random = new Random(197);

  @Test
  void g1AgreesWithTheAffineTextbookFormulas() {
    for (int n = 0; n < 20; n++) {
      BigInteger a = TestPoints.randomScalar(random);
      BigInteger b = TestPoints.randomScalar(random);
      AffineReference.Point ra = AffineReference.mul(P1, a);
      AffineReference.Point rb = AffineReference.mul(P1, b);
      G1Point ga = G1Point.GENERATOR.mul(a);
      G1Point gb = G1Point.GENERATOR.mul(b);
      assertArrayEquals(AffineReference.encode(ra), ga.toBytes());
      assertArrayEquals(AffineReference.encode(AffineReference.add(ra, rb)), ga.add(gb).toBytes());
      assertArrayEquals(AffineReference.encode(AffineReference.add(ra, ra)), ga.dbl().toBytes());
      assertArrayEquals(AffineReference.encode(AffineReference.add(ra, ra)), ga.add(ga).toBytes());
    }
  }

  @Test
  void g1HasPrimeOrderR() {
    assertTrue(G1Point.isOnCurve(Fp.ONE, Fp.of(2)));
    assertTrue(G1Point.GENERATOR.mul(R).isInfinity());
    // mul reduces mod r, so check the order with the reference implementation too.
    assertEquals(null, AffineReference.mul(P1, R));
    assertTrue(G1Point.GENERATOR.add(G1Point.GENERATOR.neg()).isInfinity());
    assertArrayEquals(new byte[64], G1Point.INFINITY.toBytes());
  }

  @Test
  void eip197GeneratorOfG2IsOnTheTwistWithOrderR() {
    assertTrue(G2Point.isOnCurve(TestPoints.P2_X, TestPoints.P2_Y));
    assertFalse(G2_GENERATOR.isInfinity());
    // EIP-197: "compare the concrete values of q * P2 and P2".
    assertTrue(G2_GENERATOR.mul(R).isInfinity());
    assertTrue(G2_GENERATOR.mul(R.add(BigInteger.ONE)).sameAs(G2_GENERATOR));
    assertTrue(G2_GENERATOR.isInSubgroup());
  }

  @Test
  void g2GroupLawIsConsistent() {
    BigInteger a = TestPoints.randomScalar(random);
    BigInteger b = TestPoints.randomScalar(random);
    G2Point qa = G2_GENERATOR.mul(a);
    G2Point qb = G2_GENERATOR.mul(b);
    assertTrue(qa.add(qb).sameAs(G2_GENERATOR.mul(a.add(b))));
    assertTrue(qa.add(qa).sameAs(qa.dbl()));
    assertTrue(qa.add(qa.neg()).isInfinity());
    Fp2[] affine = qa.add(qb).toAffine();
    assertTrue(G2Point.isOnCurve(affine[0], affine[1]));
  }

  @Test
  void subgroupCheckAgreesWithMultiplicationByR() {
    for (int n = 0; n < 6; n++) {
      G2Point onTwist = TestPoints.randomTwistPoint(random);
      assertTrue(onTwist.mul(R.multiply(TWIST_COFACTOR)).isInfinity(), "twist order");
      boolean killedByR = onTwist.mul(R).isInfinity();
      assertEquals(killedByR, onTwist.isInSubgroup());
      assertFalse(onTwist.isInSubgroup(), "a random twist point is almost surely outside G2");

      G2Point cleared = onTwist.mul(TWIST_COFACTOR);
      assertTrue(cleared.mul(R).isInfinity());
      assertTrue(cleared.isInSubgroup());

      // A point of G2 plus a point of order dividing the cofactor is outside G2.
      G2Point torsion = onTwist.mul(R);
      assertFalse(G2_GENERATOR.add(torsion).isInSubgroup());
      assertFalse(torsion.isInSubgroup());
    }
  }

  @Test
  void psiActsOnG2AsMultiplicationByP() {
    G2Point q = G2_GENERATOR.mul(TestPoints.randomScalar(random));
    assertTrue(q.psi().sameAs(q.mul(P.mod(R))));
  }
}
