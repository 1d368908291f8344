package io.opal.execution.evm.precompile.bls;

import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.G1;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.G1_INFINITY;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.G2;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.G2_INFINITY;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.fp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.Hex;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Algebraic laws the precompiles must obey, checked on random points made by the precompiles
 * themselves (so each result is compared with another precompile's, not with a stored value).
 */
class Bls12PropertiesTest {
  private static final BigInteger R = Bls12Encoding.R;
  private static final String TRUE = "00".repeat(31) + "01";
  private static final String FALSE = "00".repeat(32);

  private final PrecompiledContract g1Add = Bls12Precompiles.g1Add();
  private final PrecompiledContract g1Msm = Bls12Precompiles.g1Msm();
  private final PrecompiledContract g2Add = Bls12Precompiles.g2Add();
  private final PrecompiledContract g2Msm = Bls12Precompiles.g2Msm();
  private final PrecompiledContract pairing = Bls12Precompiles.pairingCheck();
  private final PrecompiledContract mapG1 = Bls12Precompiles.mapFpToG1();
  private final PrecompiledContract mapG2 = Bls12Precompiles.mapFp2ToG2();
  private final Random random = new Random(2537);

  @Test
  void addingTheNegationGivesInfinity() {
    for (int i = 0; i < 5; i++) {
      String p = call(g1Msm, G1 + scalar(randomScalar()));
      assertEquals(G1_INFINITY, call(g1Add, p + negateG1(p)));
      String q = call(g2Msm, G2 + scalar(randomScalar()));
      assertEquals(G2_INFINITY, call(g2Add, q + negateG2(q)));
    }
  }

  @Test
  void msmOfOnePairIsScalarMultiplicationByRepeatedAddition() {
    String p = call(g1Msm, G1 + scalar(randomScalar()));
    String q = call(g2Msm, G2 + scalar(randomScalar()));
    String p5 = p;
    String q5 = q;
    for (int i = 1; i < 5; i++) {
      p5 = call(g1Add, p5 + p);
      q5 = call(g2Add, q5 + q);
    }
    assertEquals(p5, call(g1Msm, p + scalar(BigInteger.valueOf(5))));
    assertEquals(q5, call(g2Msm, q + scalar(BigInteger.valueOf(5))));
  }

  @Test
  void msmIsLinearInTheScalars() {
    for (int i = 0; i < 3; i++) {
      BigInteger a = randomScalar();
      BigInteger b = randomScalar();
      String p = call(g1Msm, G1 + scalar(randomScalar()));
      String q = call(g2Msm, G2 + scalar(randomScalar()));
      assertEquals(
          call(g1Msm, p + scalar(a.add(b).mod(R))), call(g1Msm, p + scalar(a) + p + scalar(b)));
      assertEquals(
          call(g2Msm, q + scalar(a.add(b).mod(R))), call(g2Msm, q + scalar(a) + q + scalar(b)));
    }
  }

  /**
   * Many terms on one base (this goes through Pippenger, with repeated points) against the single
   * term with the summed scalar (which does not).
   */
  @Test
  void manyTermsOnOneBaseSumTheirScalars() {
    int k = 130;
    StringBuilder g1Input = new StringBuilder();
    StringBuilder g2Input = new StringBuilder();
    BigInteger total = BigInteger.ZERO;
    String p = call(g1Msm, G1 + scalar(randomScalar()));
    String q = call(g2Msm, G2 + scalar(randomScalar()));
    for (int i = 0; i < k; i++) {
      BigInteger s = randomScalar();
      total = total.add(s);
      g1Input.append(p).append(scalar(s));
      g2Input.append(q).append(scalar(s));
    }
    assertEquals(call(g1Msm, p + scalar(total.mod(R))), call(g1Msm, g1Input.toString()));
    assertEquals(call(g2Msm, q + scalar(total.mod(R))), call(g2Msm, g2Input.toString()));
  }

  /** Scalars are any 256-bit value (EIP-2537): s and s + r name the same multiple. */
  @Test
  void scalarsAtOrAboveTheGroupOrderWrapAround() {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    BigInteger s = randomScalar();
    assertEquals(call(g1Msm, G1 + scalar(s)), call(g1Msm, G1 + scalar(s.add(R))));
    assertEquals(call(g2Msm, G2 + scalar(s)), call(g2Msm, G2 + scalar(s.add(R))));
    assertEquals(call(g1Msm, G1 + scalar(max.mod(R))), call(g1Msm, G1 + scalar(max)));
    assertEquals(call(g2Msm, G2 + scalar(max.mod(R))), call(g2Msm, G2 + scalar(max)));
    assertEquals(G1_INFINITY, call(g1Msm, G1 + scalar(R)));
    assertEquals(G2_INFINITY, call(g2Msm, G2 + scalar(R)));
  }

  @Test
  void pairingOfAPointAndItsNegationCancels() {
    for (int i = 0; i < 3; i++) {
      String p = call(g1Msm, G1 + scalar(randomScalar()));
      String q = call(g2Msm, G2 + scalar(randomScalar()));
      assertEquals(TRUE, call(pairing, p + q + negateG1(p) + q));
      assertEquals(TRUE, call(pairing, p + q + p + negateG2(q)));
      assertEquals(FALSE, call(pairing, p + q + p + q));
    }
  }

  /** e(a·G1, b·G2) = e(ab·G1, G2): checked as e(a·G1, b·G2) · e(−ab·G1, G2) = 1. */
  @Test
  void pairingIsBilinear() {
    BigInteger a = randomScalar();
    BigInteger b = randomScalar();
    String aG1 = call(g1Msm, G1 + scalar(a));
    String bG2 = call(g2Msm, G2 + scalar(b));
    String minusAbG1 = call(g1Msm, G1 + scalar(R.subtract(a.multiply(b).mod(R))));
    assertEquals(TRUE, call(pairing, aG1 + bG2 + minusAbG1 + G2));
    assertEquals(FALSE, call(pairing, aG1 + bG2 + minusAbG1 + bG2));
  }

  /**
   * The maps clear the cofactor, so their outputs are in the subgroup: MSM (which subgroup-checks)
   * accepts them and r times each is infinity. Includes u = 0 and u = p − 1, the edge cases of
   * simplified SWU.
   */
  @Test
  void mappedPointsAreInTheSubgroup() {
    String pMinusOne =
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaaa";
    String zero = "00".repeat(48);
    String[] us = {zero, pMinusOne, randomFp(), randomFp()};
    for (String u : us) {
      String p = call(mapG1, fp(u));
      assertEquals(G1_INFINITY, call(g1Msm, p + scalar(R)));
      assertEquals(p, call(g1Msm, p + scalar(BigInteger.ONE)));
      for (String v : us) {
        String q = call(mapG2, fp(u) + fp(v));
        assertEquals(G2_INFINITY, call(g2Msm, q + scalar(R)));
        assertEquals(TRUE, call(pairing, p + q + negateG1(p) + q));
      }
    }
  }

  private String negateG1(String point) {
    return call(g1Msm, point + scalar(R.subtract(BigInteger.ONE)));
  }

  private String negateG2(String point) {
    return call(g2Msm, point + scalar(R.subtract(BigInteger.ONE)));
  }

  private BigInteger randomScalar() {
    return new BigInteger(255, random).mod(R);
  }

  /** 48 random bytes below p (the top byte kept under p's 0x1a). */
  private String randomFp() {
    byte[] value = new byte[48];
    random.nextBytes(value);
    value[0] &= 0x0f;
    return Hex.encodePlain(value);
  }

  private static String scalar(BigInteger value) {
    return String.format("%064x", value);
  }

  private static String call(PrecompiledContract contract, String input) {
    PrecompileResult result = contract.run(Hex.decode(input));
    assertTrue(result.success(), () -> contract.name() + " failed on " + input);
    return Hex.encodePlain(result.output());
  }
}
