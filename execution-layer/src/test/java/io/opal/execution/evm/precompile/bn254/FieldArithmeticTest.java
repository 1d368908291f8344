package io.opal.execution.evm.precompile.bn254;

import static io.opal.execution.evm.precompile.bn254.TestPoints.P;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The limb arithmetic against BigInteger, and the extension towers against their definitions. */
class FieldArithmeticTest {

  private final Random random = new Random(196);

  /** Values that stress carries and the final subtraction, plus random ones. */
  private BigInteger[] samples() {
    BigInteger[] out = new BigInteger[200];
    out[0] = BigInteger.ZERO;
    out[1] = BigInteger.ONE;
    out[2] = P.subtract(BigInteger.ONE);
    out[3] = P.subtract(BigInteger.TWO);
    out[4] = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    out[5] = BigInteger.ONE.shiftLeft(192);
    out[6] = P.shiftRight(1);
    for (int i = 7; i < out.length; i++) {
      out[i] = TestPoints.randomBelow(random, P);
    }
    return out;
  }

  @Test
  void fpMatchesBigIntegerArithmetic() {
    BigInteger[] values = samples();
    for (int i = 0; i < values.length; i++) {
      BigInteger a = values[i];
      BigInteger b = values[(i * 7 + 3) % values.length];
      Fp fa = Fp.of(a);
      Fp fb = Fp.of(b);
      assertEquals(a, fa.toBigInteger());
      assertEquals(a.add(b).mod(P), fa.add(fb).toBigInteger());
      assertEquals(a.subtract(b).mod(P), fa.sub(fb).toBigInteger());
      assertEquals(a.multiply(b).mod(P), fa.mul(fb).toBigInteger());
      assertEquals(a.multiply(a).mod(P), fa.square().toBigInteger());
      assertEquals(a.negate().mod(P), fa.neg().toBigInteger());
      assertEquals(a.multiply(BigInteger.TWO.modInverse(P)).mod(P), fa.half().toBigInteger());
      if (a.signum() != 0) {
        assertEquals(a.modInverse(P), fa.inverse().toBigInteger());
      }
    }
  }

  @Test
  void fpBytesRoundTripAndRejectNonCanonical() {
    for (BigInteger v : samples()) {
      byte[] word = TestPoints.word(v);
      assertTrue(Fp.isCanonical(word, 0));
      Fp parsed = Fp.fromBytes(word, 0);
      assertEquals(v, parsed.toBigInteger());
      byte[] back = new byte[32];
      parsed.toBytes(back, 0);
      assertArrayEquals(word, back);
    }
    assertFalse(Fp.isCanonical(TestPoints.word(P), 0));
    assertFalse(Fp.isCanonical(TestPoints.word(P.add(BigInteger.ONE)), 0));
    assertFalse(Fp.isCanonical(TestPoints.word(P.add(BigInteger.ONE.shiftLeft(64))), 0));
    assertFalse(
        Fp.isCanonical(TestPoints.word(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)), 0));
    // Just below p in each limb position.
    assertTrue(Fp.isCanonical(TestPoints.word(P.subtract(BigInteger.ONE.shiftLeft(64))), 0));
    assertTrue(Fp.isCanonical(TestPoints.word(P.subtract(BigInteger.ONE.shiftLeft(192))), 0));
  }

  @Test
  void fp2IsTheQuadraticExtensionByI() {
    Fp2 i = new Fp2(Fp.ZERO, Fp.ONE);
    assertEquals(Fp2.ONE.neg(), i.square());
    for (int n = 0; n < 50; n++) {
      Fp2 a = TestPoints.randomFp2(random);
      Fp2 b = TestPoints.randomFp2(random);
      BigInteger a0 = a.c0().toBigInteger();
      BigInteger a1 = a.c1().toBigInteger();
      BigInteger b0 = b.c0().toBigInteger();
      BigInteger b1 = b.c1().toBigInteger();
      Fp2 schoolbook =
          Fp2.of(a0.multiply(b0).subtract(a1.multiply(b1)), a0.multiply(b1).add(a1.multiply(b0)));
      assertEquals(schoolbook, a.mul(b));
      assertEquals(a.mul(a), a.square());
      assertEquals(a.mul(Fp2.XI), a.mulByXi());
      assertEquals(Fp2.ONE, a.mul(a.inverse()));
      assertEquals(a.pow(P), a.conjugate());
    }
  }

  @Test
  void fp6IsTheCubicExtensionByXi() {
    Fp6 v = new Fp6(Fp2.ZERO, Fp2.ONE, Fp2.ZERO);
    assertEquals(new Fp6(Fp2.XI, Fp2.ZERO, Fp2.ZERO), v.mul(v).mul(v));
    for (int n = 0; n < 30; n++) {
      Fp6 a = TestPoints.randomFp6(random);
      Fp6 b = TestPoints.randomFp6(random);
      Fp6 c = TestPoints.randomFp6(random);
      assertEquals(a.mul(b).mul(c), a.mul(b.mul(c)));
      assertEquals(a.mul(b.add(c)), a.mul(b).add(a.mul(c)));
      assertEquals(b.mul(a), a.mul(b));
      assertEquals(a.mul(a), a.square());
      assertEquals(a.mul(v), a.mulByV());
      assertEquals(Fp6.ONE, a.mul(a.inverse()));
      Fp2 s0 = TestPoints.randomFp2(random);
      Fp2 s1 = TestPoints.randomFp2(random);
      assertEquals(a.mul(new Fp6(s0, s1, Fp2.ZERO)), a.mulBy01(s0, s1));
    }
  }

  @Test
  void fp12IsTheQuadraticExtensionByV() {
    Fp12 w = new Fp12(Fp6.ZERO, Fp6.ONE);
    assertEquals(new Fp12(new Fp6(Fp2.ZERO, Fp2.ONE, Fp2.ZERO), Fp6.ZERO), w.square());
    for (int n = 0; n < 20; n++) {
      Fp12 a = TestPoints.randomFp12(random);
      Fp12 b = TestPoints.randomFp12(random);
      Fp12 c = TestPoints.randomFp12(random);
      assertEquals(a.mul(b).mul(c), a.mul(b.mul(c)));
      assertEquals(a.mul(a), a.square());
      assertEquals(Fp12.ONE, a.mul(a.inverse()));
      Fp2 d0 = TestPoints.randomFp2(random);
      Fp2 d3 = TestPoints.randomFp2(random);
      Fp2 d4 = TestPoints.randomFp2(random);
      Fp12 sparse = new Fp12(new Fp6(d0, Fp2.ZERO, Fp2.ZERO), new Fp6(d3, d4, Fp2.ZERO));
      assertEquals(a.mul(sparse), a.mulBy034(d0, d3, d4));
    }
  }

  @Test
  void frobeniusIsThePthPowerMap() {
    Fp12 a = TestPoints.randomFp12(random);
    assertEquals(a.pow(P), a.frobenius(1));
    assertEquals(a.pow(P.pow(2)), a.frobenius(2));
    assertEquals(a.pow(P.pow(3)), a.frobenius(3));
    assertEquals(a.pow(P.pow(6)), a.conjugate());
  }

  @Test
  void cyclotomicSquareAgreesWithSquareInTheCyclotomicSubgroup() {
    for (int n = 0; n < 10; n++) {
      Fp12 a = TestPoints.randomFp12(random);
      // a^((p^6 − 1)(p^2 + 1)) lies in the cyclotomic subgroup.
      Fp12 t = a.conjugate().mul(a.inverse());
      Fp12 cyclotomic = t.frobenius(2).mul(t);
      assertEquals(cyclotomic.square(), cyclotomic.cyclotomicSquare());
      // Outside the subgroup the shortcut is wrong, which is why it is used only there.
      assertNotEquals(a.square(), a.cyclotomicSquare());
    }
  }

  @Test
  void zeroHasNoInverseAndMapsToZero() {
    assertEquals(Fp.ZERO, Fp.ZERO.inverse());
    assertEquals(Fp2.ZERO, Fp2.ZERO.inverse());
    assertFalse(Fp12.ONE.inverse().equals(new Fp12(Fp6.ZERO, Fp6.ZERO)));
    assertEquals(new Fp12(Fp6.ZERO, Fp6.ZERO), new Fp12(Fp6.ZERO, Fp6.ZERO).inverse());
  }
}
