package io.opal.execution.evm.precompile;

import java.math.BigInteger;

/**
 * Modular exponentiation for a modulus below 2^63 in plain {@code long} arithmetic: Montgomery
 * multiplication for the odd part, wrapping multiplication for the power-of-two part, joined by the
 * Chinese remainder theorem.
 *
 * <p>This is MODEXP's worst price-per-work case — a one-byte modulus with an exponent of millions
 * of bits costs little gas per squaring — so it gets its own loop, several times faster than {@link
 * BigInteger#modPow} on one-word numbers.
 */
final class SmallModulusPower {
  private SmallModulusPower() {}

  /**
   * {@code base^e mod m}, where e is the big-endian number in {@code exp[off, off+len)}, {@code 0
   * <= base < m} and {@code 2 <= m < 2^63}.
   */
  static long pow(long base, byte[] exp, int off, int len, long m) {
    int twos = Long.numberOfTrailingZeros(m);
    long odd = m >>> twos;
    if (twos == 0) {
      return new OddModulus(m).pow(base, exp, off, len);
    }
    long mask = (1L << twos) - 1; // twos <= 62
    long lowPart = powModTwoToThe64(base, exp, off, len) & mask;
    if (odd == 1) {
      return lowPart;
    }
    long oddPart = new OddModulus(odd).pow(base % odd, exp, off, len);
    // x ≡ oddPart (mod odd), x ≡ lowPart (mod 2^twos):  x = oddPart + odd·h with
    // h = (lowPart - oddPart)·odd⁻¹ mod 2^twos; x < odd·2^twos = m.
    long h = ((lowPart - oddPart) * inverseModTwoToThe64(odd)) & mask;
    return oddPart + odd * h;
  }

  /** base^e mod 2^64 by wrapping multiplication (every 2^k divides 2^64). */
  private static long powModTwoToThe64(long base, byte[] exp, int off, int len) {
    long acc = 1;
    for (int i = off; i < off + len; i++) {
      int b = exp[i];
      for (int bit = 7; bit >= 0; bit--) {
        acc *= acc;
        if (((b >>> bit) & 1) != 0) {
          acc *= base;
        }
      }
    }
    return acc;
  }

  /** m⁻¹ mod 2^64 for odd m, by Newton's iteration (each step doubles the correct low bits). */
  static long inverseModTwoToThe64(long m) {
    long x = m; // correct to 3 bits: m·m ≡ 1 (mod 8)
    for (int i = 0; i < 5; i++) {
      x *= 2 - m * x;
    }
    return x;
  }

  /** Montgomery arithmetic modulo an odd m < 2^63 with R = 2^64. */
  private static final class OddModulus {
    private final long m;
    private final long negInverse; // -m⁻¹ mod 2^64
    private final long rSquared; // R² mod m
    private final long one; // R mod m: 1 in Montgomery form

    OddModulus(long m) {
      this.m = m;
      this.negInverse = -inverseModTwoToThe64(m);
      BigInteger big = BigInteger.valueOf(m);
      this.rSquared = BigInteger.ONE.shiftLeft(128).mod(big).longValueExact();
      this.one = BigInteger.ONE.shiftLeft(64).mod(big).longValueExact();
    }

    long pow(long base, byte[] exp, int off, int len) {
      long x = multiply(base, rSquared);
      long acc = one;
      for (int i = off; i < off + len; i++) {
        int b = exp[i];
        for (int bit = 7; bit >= 0; bit--) {
          acc = multiply(acc, acc);
          if (((b >>> bit) & 1) != 0) {
            acc = multiply(acc, x);
          }
        }
      }
      return multiply(acc, 1); // out of Montgomery form
    }

    /** a·b·R⁻¹ mod m for a, b < m (REDC). */
    private long multiply(long a, long b) {
      long lo = a * b;
      long hi = Math.unsignedMultiplyHigh(a, b);
      long u = lo * negInverse;
      // lo + lo(u·m) ≡ 0 (mod 2^64), so that low sum carries exactly when lo != 0.
      long t = hi + Math.unsignedMultiplyHigh(u, m) + (lo != 0 ? 1 : 0);
      return Long.compareUnsigned(t, m) >= 0 ? t - m : t; // t < 2m < 2^64
    }
  }
}
