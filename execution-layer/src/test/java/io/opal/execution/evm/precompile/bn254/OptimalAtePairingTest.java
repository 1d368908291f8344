package io.opal.execution.evm.precompile.bn254;

import static io.opal.execution.evm.precompile.bn254.TestPoints.G2_GENERATOR;
import static io.opal.execution.evm.precompile.bn254.TestPoints.P;
import static io.opal.execution.evm.precompile.bn254.TestPoints.R;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pairing's defining properties: bilinear, non-degenerate, values of order r. */
class OptimalAtePairingTest {

  private final Random random = new Random(1108);

  private static OptimalAtePairing.Pair pair(G1Point p, G2Point q) {
    byte[] encoded = p.toBytes();
    Fp px = Fp.fromBytes(encoded, 0);
    Fp py = Fp.fromBytes(encoded, 32);
    Fp2[] affine = q.toAffine();
    return new OptimalAtePairing.Pair(px, py, affine[0], affine[1]);
  }

  @Test
  void pairingOfTheGeneratorsIsNonDegenerateOfOrderR() {
    Fp12 e = OptimalAtePairing.pairing(pair(G1Point.GENERATOR, G2_GENERATOR));
    assertFalse(e.isOne());
    assertTrue(e.pow(R).isOne());
  }

  @Test
  void pairingIsBilinear() {
    Fp12 base = OptimalAtePairing.pairing(pair(G1Point.GENERATOR, G2_GENERATOR));
    for (int n = 0; n < 2; n++) {
      BigInteger a = TestPoints.randomScalar(random);
      BigInteger b = TestPoints.randomScalar(random);
      Fp12 e = OptimalAtePairing.pairing(pair(G1Point.GENERATOR.mul(a), G2_GENERATOR.mul(b)));
      assertEquals(base.pow(a.multiply(b).mod(R)), e);
    }
  }

  @Test
  void pairingIsLinearInEachArgument() {
    G1Point p1 = G1Point.GENERATOR.mul(TestPoints.randomScalar(random));
    G1Point p2 = G1Point.GENERATOR.mul(TestPoints.randomScalar(random));
    G2Point q1 = G2_GENERATOR.mul(TestPoints.randomScalar(random));
    G2Point q2 = G2_GENERATOR.mul(TestPoints.randomScalar(random));
    assertEquals(
        OptimalAtePairing.pairing(pair(p1, q1)).mul(OptimalAtePairing.pairing(pair(p2, q1))),
        OptimalAtePairing.pairing(pair(p1.add(p2), q1)));
    assertEquals(
        OptimalAtePairing.pairing(pair(p1, q1)).mul(OptimalAtePairing.pairing(pair(p1, q2))),
        OptimalAtePairing.pairing(pair(p1, q1.add(q2))));
  }

  @Test
  void productCheckSharesOneMillerLoop() {
    BigInteger a = TestPoints.randomScalar(random);
    G1Point p = G1Point.GENERATOR.mul(TestPoints.randomScalar(random));
    G2Point q = G2_GENERATOR.mul(TestPoints.randomScalar(random));
    assertTrue(OptimalAtePairing.isProductOne(List.of(pair(p.mul(a), q), pair(p.neg(), q.mul(a)))));
    assertFalse(
        OptimalAtePairing.isProductOne(
            List.of(pair(p.mul(a), q), pair(p.neg(), q.mul(a.add(BigInteger.ONE))))));
    assertTrue(OptimalAtePairing.isProductOne(List.of()));
  }

  /**
   * The fast final exponentiation computes the hard part to a known multiple m = 2u(6u² + 3u + 1)
   * of the exponent; check it against plain exponentiation by (p¹² − 1)/r.
   */
  @Test
  void finalExponentiationMatchesTheDefinition() {
    BigInteger u = G2Point.U;
    BigInteger m =
        u.shiftLeft(1)
            .multiply(
                u.pow(2)
                    .multiply(BigInteger.valueOf(6))
                    .add(u.multiply(BigInteger.valueOf(3)))
                    .add(BigInteger.ONE));
    BigInteger exponent = P.pow(12).subtract(BigInteger.ONE).divide(R);
    Fp12 f = TestPoints.randomFp12(random);
    Fp12 reference = f.pow(exponent);
    assertNotEquals(Fp12.ONE, reference);
    assertEquals(reference.pow(m.mod(R)), OptimalAtePairing.finalExponentiation(f));
    assertTrue(m.gcd(R).equals(BigInteger.ONE), "the multiple keeps 'is one' unchanged");
  }

  @Test
  void nonAdjacentFormRepresentsTheNumber() {
    for (BigInteger k :
        List.of(
            G2Point.U,
            G2Point.U.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO),
            new BigInteger(200, random))) {
      int[] digits = NonAdjacentForm.of(k);
      BigInteger sum = BigInteger.ZERO;
      for (int i = digits.length - 1; i >= 0; i--) {
        sum = sum.shiftLeft(1).add(BigInteger.valueOf(digits[i]));
        if (i > 0) {
          assertTrue(digits[i] == 0 || digits[i - 1] == 0, "adjacent non-zero digits");
        }
      }
      assertEquals(k, sum);
      assertEquals(1, digits[digits.length - 1]);
    }
  }
}
