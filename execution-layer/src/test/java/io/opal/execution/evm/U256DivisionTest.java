package io.opal.execution.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 64-bit-limb long division against BigInteger on operands built to reach every branch. */
class U256DivisionTest {
  private static final long[] EDGE = {
    0,
    1,
    2,
    3,
    Long.MIN_VALUE,
    Long.MIN_VALUE + 1,
    Long.MAX_VALUE,
    -1L,
    -2L,
    0xFFFFFFFFL,
    0x1_0000_0000L,
    0x8000_0000_0000_0001L,
    0xFFFF_FFFF_0000_0000L
  };

  private static BigInteger big(long[] limbs, int n) {
    BigInteger v = BigInteger.ZERO;
    for (int i = n - 1; i >= 0; i--) {
      v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(limbs[i])));
    }
    return v;
  }

  private static long limb(Random r) {
    return r.nextInt(3) == 0 ? r.nextLong() : EDGE[r.nextInt(EDGE.length)];
  }

  @Test
  void randomDivisionsMatchBigInteger() {
    Random r = new Random(42);
    U256Division.Buffers x = new U256Division.Buffers();
    long[] u = new long[8];
    long[] v = new long[4];
    long[] q = new long[8];
    long[] rem = new long[4];
    for (int iter = 0; iter < 300_000; iter++) {
      int n = 1 + r.nextInt(4);
      int m = n + r.nextInt(9 - n);
      for (int i = 0; i < m; i++) {
        u[i] = limb(r);
      }
      for (int i = 0; i < n; i++) {
        v[i] = limb(r);
      }
      if (v[n - 1] == 0) {
        v[n - 1] = 1 + r.nextInt(5);
      }
      if (r.nextInt(4) == 0) {
        // make the dividend's top limbs equal to the divisor's to force q̂ = β - 1 estimates
        for (int i = 0; i < n && m - 1 - i >= 0; i++) {
          u[m - 1 - i] = v[n - 1 - i];
        }
      }
      BigInteger bu = big(u, m);
      BigInteger bv = big(v, n);
      U256Division.divide(u, m, v, n, q, rem, x);
      BigInteger[] want = bu.divideAndRemainder(bv);
      assertEquals(want[0], big(q, m - n + 1), () -> "quotient of " + bu + " / " + bv);
      assertEquals(want[1], big(rem, n), () -> "remainder of " + bu + " / " + bv);
    }
  }

  @Test
  void reciprocalIsFloorOfBetaSquaredMinusOneOverD() {
    BigInteger beta2 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    BigInteger beta = BigInteger.ONE.shiftLeft(64);
    Random r = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      long d = (i < EDGE.length ? EDGE[i] : r.nextLong()) | Long.MIN_VALUE;
      BigInteger want = beta2.divide(new BigInteger(Long.toUnsignedString(d))).subtract(beta);
      assertEquals(want, new BigInteger(Long.toUnsignedString(U256Division.reciprocal(d))));
    }
  }
}
