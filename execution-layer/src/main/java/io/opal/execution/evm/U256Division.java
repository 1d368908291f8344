package io.opal.execution.evm;

/**
 * Long division of little-endian 64-bit limb arrays: Knuth's algorithm D with 64-bit digits, the
 * quotient digits estimated by Möller and Granlund's 2-by-1 division with a precomputed reciprocal
 * ("Improved division by invariant integers", 2011) so the inner loop multiplies instead of
 * dividing. Used by DIV/MOD/SDIV/SMOD and by ADDMOD/MULMOD on their 257- and 512-bit intermediates.
 */
final class U256Division {
  private U256Division() {}

  /** Work space: the normalised operands (one extra dividend limb) and the 2-by-1 remainder. */
  static final class Buffers {
    final long[] un = new long[9];
    final long[] vn = new long[4];
    long rem;
  }

  /**
   * Divides {@code u[0..m)} by {@code v[0..n)} ({@code v[n - 1] != 0}, {@code m >= n}), writing the
   * quotient to {@code q[0..m - n]} and the remainder to {@code r[0..n)}.
   */
  static void divide(long[] u, int m, long[] v, int n, long[] q, long[] r, Buffers x) {
    if (n == 1) {
      divideBySingle(u, m, v[0], q, r, x);
      return;
    }
    int sh = Long.numberOfLeadingZeros(v[n - 1]);
    long[] vn = x.vn;
    long[] un = x.un;
    for (int i = n - 1; i > 0; i--) {
      vn[i] = shiftLeft(v[i], v[i - 1], sh);
    }
    vn[0] = v[0] << sh;
    un[m] = sh == 0 ? 0 : u[m - 1] >>> (64 - sh);
    for (int i = m - 1; i > 0; i--) {
      un[i] = shiftLeft(u[i], u[i - 1], sh);
    }
    un[0] = u[0] << sh;
    long d1 = vn[n - 1];
    long d0 = vn[n - 2];
    long reciprocal = reciprocal(d1);
    for (int j = m - n; j >= 0; j--) {
      long qhat = estimate(un[j + n], un[j + n - 1], un[j + n - 2], d1, d0, reciprocal, x);
      if (multiplySubtract(un, j, vn, n, qhat)) {
        qhat--;
        addBack(un, j, vn, n);
      }
      q[j] = qhat;
    }
    for (int i = 0; i < n - 1; i++) {
      r[i] = sh == 0 ? un[i] : (un[i] >>> sh) | (un[i + 1] << (64 - sh));
    }
    r[n - 1] = un[n - 1] >>> sh;
  }

  /**
   * Knuth's estimate of the quotient digit of (u2:u1:u0) / (d1:d0), at most one too large: the
   * 2-by-1 quotient of (u2:u1) / d1 corrected with the next divisor digit.
   */
  private static long estimate(
      long u2, long u1, long u0, long d1, long d0, long reciprocal, Buffers x) {
    long qhat;
    long rhat;
    boolean rhatOverflow;
    if (u2 == d1) {
      qhat = -1L; // β - 1: (u2:u1) / d1 would not fit in a digit
      rhat = u1 + d1;
      rhatOverflow = Long.compareUnsigned(rhat, u1) < 0;
    } else {
      qhat = divide2by1(u2, u1, d1, reciprocal, x);
      rhat = x.rem;
      rhatOverflow = false;
    }
    while (!rhatOverflow) {
      long plo = qhat * d0;
      long phi = Math.unsignedMultiplyHigh(qhat, d0);
      int c = Long.compareUnsigned(phi, rhat);
      if (c < 0 || (c == 0 && Long.compareUnsigned(plo, u0) <= 0)) {
        break;
      }
      qhat--;
      long next = rhat + d1;
      rhatOverflow = Long.compareUnsigned(next, rhat) < 0;
      rhat = next;
    }
    return qhat;
  }

  /** un[j..j+n] -= qhat · vn; returns whether the result went negative (borrow out). */
  private static boolean multiplySubtract(long[] un, int j, long[] vn, int n, long qhat) {
    long borrow = 0;
    long carry = 0;
    for (int i = 0; i < n; i++) {
      long plo = qhat * vn[i];
      long phi = Math.unsignedMultiplyHigh(qhat, vn[i]);
      plo += carry;
      phi += Long.compareUnsigned(plo, carry) < 0 ? 1 : 0;
      carry = phi;
      long ui = un[j + i];
      long t = ui - plo;
      long b1 = Long.compareUnsigned(ui, plo) < 0 ? 1 : 0;
      long t2 = t - borrow;
      long b2 = Long.compareUnsigned(t, borrow) < 0 ? 1 : 0;
      un[j + i] = t2;
      borrow = b1 + b2;
    }
    long ui = un[j + n];
    long t = ui - carry;
    long b1 = Long.compareUnsigned(ui, carry) < 0 ? 1 : 0;
    long t2 = t - borrow;
    long b2 = Long.compareUnsigned(t, borrow) < 0 ? 1 : 0;
    un[j + n] = t2;
    return (b1 | b2) != 0;
  }

  private static void addBack(long[] un, int j, long[] vn, int n) {
    long c = 0;
    for (int i = 0; i < n; i++) {
      long a = un[j + i];
      long s1 = a + vn[i];
      long c1 = Long.compareUnsigned(s1, a) < 0 ? 1 : 0;
      long s2 = s1 + c;
      long c2 = Long.compareUnsigned(s2, s1) < 0 ? 1 : 0;
      un[j + i] = s2;
      c = c1 + c2;
    }
    un[j + n] += c;
  }

  private static void divideBySingle(long[] u, int m, long v, long[] q, long[] r, Buffers x) {
    int sh = Long.numberOfLeadingZeros(v);
    long d = v << sh;
    long reciprocal = reciprocal(d);
    long rem = sh == 0 ? 0 : u[m - 1] >>> (64 - sh);
    for (int i = m - 1; i >= 0; i--) {
      long lo = shiftLeft(u[i], i > 0 ? u[i - 1] : 0, sh);
      q[i] = divide2by1(rem, lo, d, reciprocal, x);
      rem = x.rem;
    }
    r[0] = rem >>> sh;
  }

  private static long shiftLeft(long hi, long lo, int sh) {
    return sh == 0 ? hi : (hi << sh) | (lo >>> (64 - sh));
  }

  /**
   * (u1:u0) / d for a normalised d (top bit set) and u1 < d, by Möller–Granlund's algorithm 4 with
   * {@code reciprocal = reciprocal(d)}; the remainder goes to {@code x.rem}.
   */
  static long divide2by1(long u1, long u0, long d, long reciprocal, Buffers x) {
    long qlo = reciprocal * u1;
    long qhi = Math.unsignedMultiplyHigh(reciprocal, u1);
    long lo = qlo + u0;
    qhi += u1 + (Long.compareUnsigned(lo, qlo) < 0 ? 1 : 0);
    qhi++;
    long r = u0 - qhi * d;
    if (Long.compareUnsigned(r, lo) > 0) {
      qhi--;
      r += d;
    }
    if (Long.compareUnsigned(r, d) >= 0) {
      qhi++;
      r -= d;
    }
    x.rem = r;
    return qhi;
  }

  /**
   * On the interpreter's stack (see {@link U256}): b := a / b or a mod b for a divisor below 2^64:
   * four 2-by-1 steps on the normalised operands in locals, without the general long division's
   * buffers.
   */
  static void divModSingleLimb(long[] s, int a, int b, boolean wantRemainder) {
    long d = s[b];
    int sh = Long.numberOfLeadingZeros(d);
    long dn = d << sh;
    long v = reciprocal(dn);
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long u4, u3, u2, u1, u0;
    if (sh == 0) {
      u4 = 0;
      u3 = a3;
      u2 = a2;
      u1 = a1;
      u0 = a0;
    } else {
      int rs = 64 - sh;
      u4 = a3 >>> rs; // below 2^sh <= dn, as a 2-by-1 step needs
      u3 = (a3 << sh) | (a2 >>> rs);
      u2 = (a2 << sh) | (a1 >>> rs);
      u1 = (a1 << sh) | (a0 >>> rs);
      u0 = a0 << sh;
    }
    long q3 = quotient2by1(u4, u3, dn, v);
    long r = u3 - q3 * dn;
    long q2 = quotient2by1(r, u2, dn, v);
    r = u2 - q2 * dn;
    long q1 = quotient2by1(r, u1, dn, v);
    r = u1 - q1 * dn;
    long q0 = quotient2by1(r, u0, dn, v);
    r = u0 - q0 * dn;
    if (wantRemainder) {
      U256.setSmall(s, b, r >>> sh);
    } else {
      U256.set(s, b, q0, q1, q2, q3);
    }
  }

  /**
   * The quotient of {@link #divide2by1} alone; the remainder is {@code u0 - q * d} (mod 2^64),
   * which callers that keep it in a local compute themselves.
   */
  static long quotient2by1(long u1, long u0, long d, long reciprocal) {
    long qlo = reciprocal * u1;
    long qhi = Math.unsignedMultiplyHigh(reciprocal, u1);
    long lo = qlo + u0;
    qhi += u1 + (Long.compareUnsigned(lo, qlo) < 0 ? 1 : 0);
    qhi++;
    long r = u0 - qhi * d;
    if (Long.compareUnsigned(r, lo) > 0) {
      qhi--;
      r += d;
    }
    if (Long.compareUnsigned(r, d) >= 0) {
      qhi++;
    }
    return qhi;
  }

  /** ⌊(2^19 − 3·2^8) / d9⌋ for the top nine bits d9 = 256..511 of a normalised divisor. */
  private static final int[] RECIPROCAL_TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      RECIPROCAL_TABLE[i] = 0x7FD00 / (256 + i);
    }
  }

  /**
   * ⌊(β² − 1) / d⌋ − β for a normalised d (top bit set), without a hardware division: Möller and
   * Granlund's RECIPROCAL_WORD (algorithm 3): an 11-bit table estimate refined by two Newton steps
   * and a final adjustment.
   */
  static long reciprocal(long d) {
    long d0 = d & 1;
    long d9 = d >>> 55;
    long d40 = (d >>> 24) + 1;
    long d63 = (d >>> 1) + d0; // ⌈d / 2⌉
    long v0 = RECIPROCAL_TABLE[(int) d9 - 256];
    long v1 = (v0 << 11) - ((v0 * v0 * d40) >>> 40) - 1;
    long v2 = (v1 << 13) + ((v1 * ((1L << 60) - v1 * d40)) >>> 47);
    long e = ((v2 >>> 1) & -d0) - v2 * d63;
    long v3 = (Math.unsignedMultiplyHigh(v2, e) >>> 1) + (v2 << 31);
    // v4 = v3 - ⌊(v3 + β + 1) · d / β⌋: the high word of v3·d + d, plus d.
    long lo = v3 * d;
    long hi = Math.unsignedMultiplyHigh(v3, d);
    long sum = lo + d;
    hi += Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
    return v3 - hi - d;
  }
}
