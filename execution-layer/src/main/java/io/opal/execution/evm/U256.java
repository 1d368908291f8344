package io.opal.execution.evm;

/**
 * 256-bit word arithmetic on the interpreter's flat stack: a word at base {@code p} is the four
 * 64-bit limbs {@code s[p]} (least significant) to {@code s[p + 3]} (most significant).
 *
 * <p>Binary operations read the top word {@code a} (the EVM's μs[0]) and the next word {@code b}
 * (μs[1]) and write the result over {@code b}, which becomes the new top once the caller pops.
 * Nothing here allocates: division works in the caller-provided {@link Scratch}.
 */
final class U256 {
  private U256() {}

  /** Reusable work space for division and exponentiation (one per interpreter). */
  static final class Scratch {
    final long[] u = new long[8];
    final long[] v = new long[4];
    final long[] q = new long[8];
    final long[] r = new long[4];
    final long[] t = new long[16];
    final U256Division.Buffers div = new U256Division.Buffers();
  }

  // ---------------------------------------------------------------- carries

  /** Carry out of the top bit of {@code x + y (+ carry in) = sum}. */
  static long carry(long x, long y, long sum) {
    return ((x & y) | ((x | y) & ~sum)) >>> 63;
  }

  /** Borrow out of the top bit of {@code x - y (- borrow in) = diff}. */
  static long borrow(long x, long y, long diff) {
    return ((~x & y) | (~(x ^ y) & diff)) >>> 63;
  }

  static boolean isZero(long[] s, int p) {
    return (s[p] | s[p + 1] | s[p + 2] | s[p + 3]) == 0;
  }

  static void set(long[] s, int p, long w0, long w1, long w2, long w3) {
    s[p] = w0;
    s[p + 1] = w1;
    s[p + 2] = w2;
    s[p + 3] = w3;
  }

  static void setZero(long[] s, int p) {
    s[p] = 0;
    s[p + 1] = 0;
    s[p + 2] = 0;
    s[p + 3] = 0;
  }

  static void setSmall(long[] s, int p, long v) {
    s[p] = v;
    s[p + 1] = 0;
    s[p + 2] = 0;
    s[p + 3] = 0;
  }

  /** The word as a non-negative long, or -1 when it does not fit in 63 bits. */
  static long toLongOrMinusOne(long[] s, int p) {
    if ((s[p + 1] | s[p + 2] | s[p + 3]) != 0 || s[p] < 0) {
      return -1;
    }
    return s[p];
  }

  // ------------------------------------------------------------ add/sub/mul

  static void add(long[] s, int a, int b) {
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    long r0 = a0 + b0;
    long c = carry(a0, b0, r0);
    long r1 = a1 + b1 + c;
    c = carry(a1, b1, r1);
    long r2 = a2 + b2 + c;
    c = carry(a2, b2, r2);
    s[b] = r0;
    s[b + 1] = r1;
    s[b + 2] = r2;
    s[b + 3] = a3 + b3 + c;
  }

  /** p := p + v for a non-negative v below 2^63. */
  static void addSmall(long[] s, int p, long v) {
    long w0 = s[p];
    long r0 = w0 + v;
    if (Long.compareUnsigned(r0, w0) < 0) {
      long r1 = s[p + 1] + 1;
      s[p + 1] = r1;
      if (r1 == 0) {
        long r2 = s[p + 2] + 1;
        s[p + 2] = r2;
        if (r2 == 0) {
          s[p + 3]++;
        }
      }
    }
    s[p] = r0;
  }

  /** b := a - b. */
  static void sub(long[] s, int a, int b) {
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    long r0 = a0 - b0;
    long c = borrow(a0, b0, r0);
    long r1 = a1 - b1 - c;
    c = borrow(a1, b1, r1);
    long r2 = a2 - b2 - c;
    c = borrow(a2, b2, r2);
    s[b] = r0;
    s[b + 1] = r1;
    s[b + 2] = r2;
    s[b + 3] = a3 - b3 - c;
  }

  /** p := -p (mod 2^256), i.e. ~p + 1. */
  static void negate(long[] s, int p) {
    long r0 = ~s[p] + 1;
    long c = r0 == 0 ? 1 : 0;
    long r1 = ~s[p + 1] + c;
    c = (c == 1 && r1 == 0) ? 1 : 0;
    long r2 = ~s[p + 2] + c;
    c = (c == 1 && r2 == 0) ? 1 : 0;
    s[p] = r0;
    s[p + 1] = r1;
    s[p + 2] = r2;
    s[p + 3] = ~s[p + 3] + c;
  }

  private static long ltU(long x, long y) {
    return Long.compareUnsigned(x, y) < 0 ? 1 : 0;
  }

  /** b := a * b (mod 2^256). */
  static void mul(long[] s, int a, int b) {
    mulInto(s, a, s, b, s, b);
  }

  /** r := x * y (mod 2^256); r may alias x or y. */
  static void mulInto(long[] xs, int x, long[] ys, int y, long[] rs, int r) {
    long a0 = xs[x], a1 = xs[x + 1], a2 = xs[x + 2], a3 = xs[x + 3];
    long b0 = ys[y], b1 = ys[y + 1], b2 = ys[y + 2], b3 = ys[y + 3];
    // Row b0.
    long r0 = a0 * b0;
    long c = Math.unsignedMultiplyHigh(a0, b0);
    long r1 = a1 * b0 + c;
    c = Math.unsignedMultiplyHigh(a1, b0) + ltU(r1, c);
    long r2 = a2 * b0 + c;
    c = Math.unsignedMultiplyHigh(a2, b0) + ltU(r2, c);
    long r3 = a3 * b0 + c;
    // Row b1.
    long lo = a0 * b1;
    long hi = Math.unsignedMultiplyHigh(a0, b1);
    r1 += lo;
    hi += ltU(r1, lo);
    lo = a1 * b1 + hi;
    hi = Math.unsignedMultiplyHigh(a1, b1) + ltU(lo, hi);
    r2 += lo;
    hi += ltU(r2, lo);
    r3 += a2 * b1 + hi;
    // Row b2.
    lo = a0 * b2;
    hi = Math.unsignedMultiplyHigh(a0, b2);
    r2 += lo;
    hi += ltU(r2, lo);
    r3 += a1 * b2 + hi;
    // Row b3.
    r3 += a0 * b3;
    rs[r] = r0;
    rs[r + 1] = r1;
    rs[r + 2] = r2;
    rs[r + 3] = r3;
  }

  // ------------------------------------------------------------ comparisons

  static int compareUnsigned(long[] s, int a, int b) {
    for (int i = 3; i >= 0; i--) {
      int c = Long.compareUnsigned(s[a + i], s[b + i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Unsigned comparison of the words (x0..x3) and (y0..y3), least significant limb first. */
  static int compareUnsigned(
      long x0, long x1, long x2, long x3, long y0, long y1, long y2, long y3) {
    if (x3 != y3) {
      return Long.compareUnsigned(x3, y3);
    }
    if (x2 != y2) {
      return Long.compareUnsigned(x2, y2);
    }
    if (x1 != y1) {
      return Long.compareUnsigned(x1, y1);
    }
    return Long.compareUnsigned(x0, y0);
  }

  static int compareSigned(long[] s, int a, int b) {
    int c = Long.compare(s[a + 3], s[b + 3]);
    if (c != 0) {
      return c;
    }
    for (int i = 2; i >= 0; i--) {
      c = Long.compareUnsigned(s[a + i], s[b + i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  static boolean equal(long[] s, int a, int b) {
    return s[a] == s[b] && s[a + 1] == s[b + 1] && s[a + 2] == s[b + 2] && s[a + 3] == s[b + 3];
  }

  // ------------------------------------------------------------------- bits

  /** b := BYTE(a, b): the a-th byte of b counting from the most significant. */
  static void byteOp(long[] s, int a, int b) {
    long i = toLongOrMinusOne(s, a);
    if (i < 0 || i >= 32) {
      setZero(s, b);
      return;
    }
    int fromLow = 31 - (int) i;
    long limb = s[b + (fromLow >>> 3)];
    setSmall(s, b, (limb >>> ((fromLow & 7) * 8)) & 0xFF);
  }

  /** b := SIGNEXTEND(a, b): extends the sign of byte a (counting from the least significant). */
  static void signExtend(long[] s, int a, int b) {
    long k = toLongOrMinusOne(s, a);
    if (k < 0 || k >= 31) {
      return;
    }
    int bit = (int) k * 8 + 7;
    int limb = bit >>> 6;
    int inLimb = bit & 63;
    boolean negative = ((s[b + limb] >>> inLimb) & 1) != 0;
    long mask = inLimb == 63 ? -1L : (1L << (inLimb + 1)) - 1;
    if (negative) {
      s[b + limb] |= ~mask;
    } else {
      s[b + limb] &= mask;
    }
    long fill = negative ? -1L : 0L;
    for (int i = limb + 1; i < 4; i++) {
      s[b + i] = fill;
    }
  }

  /** b := b << a. */
  static void shl(long[] s, int a, int b) {
    long n = toLongOrMinusOne(s, a);
    if (n < 0 || n >= 256) {
      setZero(s, b);
      return;
    }
    int limbs = (int) n >>> 6;
    int bits = (int) n & 63;
    long w0 = s[b], w1 = s[b + 1], w2 = s[b + 2], w3 = s[b + 3];
    for (int i = 3; i >= 0; i--) {
      int src = i - limbs;
      long v = limbAt(w0, w1, w2, w3, src, 0L) << bits;
      if (bits != 0) {
        v |= limbAt(w0, w1, w2, w3, src - 1, 0L) >>> (64 - bits);
      }
      s[b + i] = v;
    }
  }

  /** b := b >>> a (logical). */
  static void shr(long[] s, int a, int b) {
    long n = toLongOrMinusOne(s, a);
    if (n < 0 || n >= 256) {
      setZero(s, b);
      return;
    }
    shiftRight(s, b, (int) n, 0L);
  }

  /** b := b >> a (arithmetic). */
  static void sar(long[] s, int a, int b) {
    long fill = s[b + 3] < 0 ? -1L : 0L;
    long n = toLongOrMinusOne(s, a);
    if (n < 0 || n >= 256) {
      set(s, b, fill, fill, fill, fill);
      return;
    }
    shiftRight(s, b, (int) n, fill);
  }

  private static void shiftRight(long[] s, int b, int n, long fill) {
    int limbs = n >>> 6;
    int bits = n & 63;
    long w0 = s[b], w1 = s[b + 1], w2 = s[b + 2], w3 = s[b + 3];
    for (int i = 0; i < 4; i++) {
      int src = i + limbs;
      long v = limbAt(w0, w1, w2, w3, src, fill);
      if (bits != 0) {
        long above = limbAt(w0, w1, w2, w3, src + 1, fill);
        v = (v >>> bits) | (above << (64 - bits));
      }
      s[b + i] = v;
    }
  }

  private static long limbAt(long w0, long w1, long w2, long w3, int i, long fill) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      default -> fill;
    };
  }

  // --------------------------------------------------------------- division

  /** b := a / b (0 when b is 0). */
  static void div(long[] s, int a, int b, Scratch x) {
    divMod(s, a, b, x, false);
  }

  /** b := a mod b (0 when b is 0). */
  static void mod(long[] s, int a, int b, Scratch x) {
    divMod(s, a, b, x, true);
  }

  private static void divMod(long[] s, int a, int b, Scratch x, boolean wantRemainder) {
    if (isZero(s, b)) {
      return; // result 0, already in place
    }
    if ((s[a + 1] | s[a + 2] | s[a + 3] | s[b + 1] | s[b + 2] | s[b + 3]) == 0) {
      long r = wantRemainder ? Long.remainderUnsigned(s[a], s[b]) : Long.divideUnsigned(s[a], s[b]);
      setSmall(s, b, r);
      return;
    }
    int cmp = compareUnsigned(s, a, b);
    if (cmp < 0) {
      if (wantRemainder) {
        copy(s, a, b);
      } else {
        setZero(s, b);
      }
      return;
    }
    if (cmp == 0) {
      setSmall(s, b, wantRemainder ? 0 : 1);
      return;
    }
    if ((s[b + 1] | s[b + 2] | s[b + 3]) == 0) {
      U256Division.divModSingleLimb(s, a, b, wantRemainder);
      return;
    }
    int m = toLimbs(s, a, x.u);
    int n = toLimbs(s, b, x.v);
    U256Division.divide(x.u, m, x.v, n, x.q, x.r, x.div);
    if (wantRemainder) {
      fromLimbs(x.r, n, s, b);
    } else {
      fromLimbs(x.q, m - n + 1, s, b);
    }
  }

  /** b := signed a / b. */
  static void sdiv(long[] s, int a, int b, Scratch x) {
    boolean negA = s[a + 3] < 0;
    boolean negB = s[b + 3] < 0;
    if (negA) {
      negate(s, a);
    }
    if (negB) {
      negate(s, b);
    }
    div(s, a, b, x);
    if (negA != negB) {
      negate(s, b);
    }
  }

  /** b := signed a mod b (sign of a). */
  static void smod(long[] s, int a, int b, Scratch x) {
    boolean negA = s[a + 3] < 0;
    if (negA) {
      negate(s, a);
    }
    if (s[b + 3] < 0) {
      negate(s, b);
    }
    mod(s, a, b, x);
    if (negA) {
      negate(s, b);
    }
  }

  /** n := (a + b) mod n, with the 257-bit sum kept whole. */
  static void addMod(long[] s, int a, int b, int n, Scratch x) {
    if (isZero(s, n)) {
      return;
    }
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    if (compareUnsigned(s, a, n) < 0 && compareUnsigned(s, b, n) < 0) {
      // Both operands reduced (the usual case): the sum is below 2n, so at most one subtraction.
      long r0 = a0 + b0;
      long c = carry(a0, b0, r0);
      long r1 = a1 + b1 + c;
      c = carry(a1, b1, r1);
      long r2 = a2 + b2 + c;
      c = carry(a2, b2, r2);
      long r3 = a3 + b3 + c;
      c = carry(a3, b3, r3);
      long n0 = s[n], n1 = s[n + 1], n2 = s[n + 2], n3 = s[n + 3];
      if (c != 0 || compareUnsigned(r0, r1, r2, r3, n0, n1, n2, n3) >= 0) {
        // sum - n, modulo 2^256: a carry out of the sum is absorbed by the borrow.
        long d0 = r0 - n0;
        long w = borrow(r0, n0, d0);
        long d1 = r1 - n1 - w;
        w = borrow(r1, n1, d1);
        long d2 = r2 - n2 - w;
        w = borrow(r2, n2, d2);
        r3 = r3 - n3 - w;
        r0 = d0;
        r1 = d1;
        r2 = d2;
      }
      set(s, n, r0, r1, r2, r3);
      return;
    }
    long[] t = x.t;
    t[0] = a0 + b0;
    long c = carry(a0, b0, t[0]);
    t[1] = a1 + b1 + c;
    c = carry(a1, b1, t[1]);
    t[2] = a2 + b2 + c;
    c = carry(a2, b2, t[2]);
    t[3] = a3 + b3 + c;
    t[4] = carry(a3, b3, t[3]);
    modWide(t, 5, s, n, x);
  }

  /** n := (a * b) mod n, with the 512-bit product kept whole. */
  static void mulMod(long[] s, int a, int b, int n, Scratch x) {
    if (isZero(s, n)) {
      return;
    }
    long[] t = x.t;
    fullProduct(s, a, b, t);
    modWide(t, 8, s, n, x);
  }

  /**
   * t[0..8) := a * b, the full 512-bit product, in straight-line code (no loop for the JIT to get
   * wrong).
   */
  private static void fullProduct(long[] s, int a, int b, long[] t) {
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    long lo;
    long hi;
    long k;
    // Row a0.
    long r0 = a0 * b0;
    k = Math.unsignedMultiplyHigh(a0, b0);
    lo = a0 * b1 + k;
    k = Math.unsignedMultiplyHigh(a0, b1) + ltU(lo, k);
    long r1 = lo;
    lo = a0 * b2 + k;
    k = Math.unsignedMultiplyHigh(a0, b2) + ltU(lo, k);
    long r2 = lo;
    lo = a0 * b3 + k;
    k = Math.unsignedMultiplyHigh(a0, b3) + ltU(lo, k);
    long r3 = lo;
    long r4 = k;
    // Row a1.
    k = 0;
    lo = a1 * b0;
    hi = Math.unsignedMultiplyHigh(a1, b0);
    lo += k;
    hi += ltU(lo, k);
    r1 += lo;
    k = hi + ltU(r1, lo);
    lo = a1 * b1;
    hi = Math.unsignedMultiplyHigh(a1, b1);
    lo += k;
    hi += ltU(lo, k);
    r2 += lo;
    k = hi + ltU(r2, lo);
    lo = a1 * b2;
    hi = Math.unsignedMultiplyHigh(a1, b2);
    lo += k;
    hi += ltU(lo, k);
    r3 += lo;
    k = hi + ltU(r3, lo);
    lo = a1 * b3;
    hi = Math.unsignedMultiplyHigh(a1, b3);
    lo += k;
    hi += ltU(lo, k);
    r4 += lo;
    k = hi + ltU(r4, lo);
    long r5 = k;
    // Row a2.
    k = 0;
    lo = a2 * b0;
    hi = Math.unsignedMultiplyHigh(a2, b0);
    lo += k;
    hi += ltU(lo, k);
    r2 += lo;
    k = hi + ltU(r2, lo);
    lo = a2 * b1;
    hi = Math.unsignedMultiplyHigh(a2, b1);
    lo += k;
    hi += ltU(lo, k);
    r3 += lo;
    k = hi + ltU(r3, lo);
    lo = a2 * b2;
    hi = Math.unsignedMultiplyHigh(a2, b2);
    lo += k;
    hi += ltU(lo, k);
    r4 += lo;
    k = hi + ltU(r4, lo);
    lo = a2 * b3;
    hi = Math.unsignedMultiplyHigh(a2, b3);
    lo += k;
    hi += ltU(lo, k);
    r5 += lo;
    k = hi + ltU(r5, lo);
    long r6 = k;
    // Row a3.
    k = 0;
    lo = a3 * b0;
    hi = Math.unsignedMultiplyHigh(a3, b0);
    lo += k;
    hi += ltU(lo, k);
    r3 += lo;
    k = hi + ltU(r3, lo);
    lo = a3 * b1;
    hi = Math.unsignedMultiplyHigh(a3, b1);
    lo += k;
    hi += ltU(lo, k);
    r4 += lo;
    k = hi + ltU(r4, lo);
    lo = a3 * b2;
    hi = Math.unsignedMultiplyHigh(a3, b2);
    lo += k;
    hi += ltU(lo, k);
    r5 += lo;
    k = hi + ltU(r5, lo);
    lo = a3 * b3;
    hi = Math.unsignedMultiplyHigh(a3, b3);
    lo += k;
    hi += ltU(lo, k);
    r6 += lo;
    k = hi + ltU(r6, lo);
    long r7 = k;
    t[0] = r0;
    t[1] = r1;
    t[2] = r2;
    t[3] = r3;
    t[4] = r4;
    t[5] = r5;
    t[6] = r6;
    t[7] = r7;
  }

  /** s[n] := (limbs t[0..len)) mod s[n]; s[n] is non-zero. */
  private static void modWide(long[] t, int len, long[] s, int n, Scratch x) {
    int m = len;
    while (m > 0 && t[m - 1] == 0) {
      m--;
    }
    int nl = toLimbs(s, n, x.v);
    if (m < nl) {
      fromLimbs(t, m, s, n); // already below the modulus
      return;
    }
    U256Division.divide(t, m, x.v, nl, x.q, x.r, x.div);
    fromLimbs(x.r, nl, s, n);
  }

  private static void copy(long[] s, int from, int to) {
    s[to] = s[from];
    s[to + 1] = s[from + 1];
    s[to + 2] = s[from + 2];
    s[to + 3] = s[from + 3];
  }

  /** Copies the word's limbs out and returns their count without leading zero limbs. */
  private static int toLimbs(long[] s, int p, long[] out) {
    int len = 0;
    for (int i = 0; i < 4; i++) {
      long w = s[p + i];
      out[i] = w;
      if (w != 0) {
        len = i + 1;
      }
    }
    return len;
  }

  /** Writes {@code count} (at most 4) limbs as a word, zero above them. */
  private static void fromLimbs(long[] limbs, int count, long[] s, int p) {
    for (int i = 0; i < 4; i++) {
      s[p + i] = i < count ? limbs[i] : 0;
    }
  }

  // --------------------------------------------------------------------- exp

  /** b := a ^ b (mod 2^256). */
  static void exp(long[] s, int a, int b, Scratch x) {
    long[] t = x.t;
    // t[0..4) = base, t[4..8) = result, t[8..12) = exponent.
    t[0] = s[a];
    t[1] = s[a + 1];
    t[2] = s[a + 2];
    t[3] = s[a + 3];
    t[4] = 1;
    t[5] = 0;
    t[6] = 0;
    t[7] = 0;
    for (int i = 0; i < 4; i++) {
      t[8 + i] = s[b + i];
    }
    int top = 255;
    while (top >= 0 && ((t[8 + (top >>> 6)] >>> (top & 63)) & 1) == 0) {
      top--;
    }
    for (int bit = 0; bit <= top; bit++) {
      if (((t[8 + (bit >>> 6)] >>> (bit & 63)) & 1) != 0) {
        mulInto(t, 4, t, 0, t, 4);
      }
      if (bit < top) {
        mulInto(t, 0, t, 0, t, 0);
      }
    }
    s[b] = t[4];
    s[b + 1] = t[5];
    s[b + 2] = t[6];
    s[b + 3] = t[7];
  }

  /** Number of bytes needed for the word (0 for zero): EXP charges per exponent byte. */
  static int byteLength(long[] s, int p) {
    for (int i = 3; i >= 0; i--) {
      long w = s[p + i];
      if (w != 0) {
        return i * 8 + (64 - Long.numberOfLeadingZeros(w) + 7) / 8;
      }
    }
    return 0;
  }
}
