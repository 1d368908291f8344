package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * An element of the BN254 base field F_p, held in Montgomery form (value·2^256 mod p) as four
 * little-endian 64-bit limbs, always fully reduced to [0, p).
 *
 * <p>Limbs, not {@link BigInteger}: a pairing performs tens of thousands of multiplications, and a
 * fixed four-limb Montgomery product is about an order of magnitude cheaper than BigInteger's
 * general multiply-and-divide. Because p < 2^254, the sum of two reduced elements never leaves four
 * limbs and the "no carry" variant of the CIOS Montgomery product applies.
 */
record Fp(long l0, long l1, long l2, long l3) {

  static final BigInteger MODULUS =
      new BigInteger(
          "21888242871839275222246405745257275088696311157297823662689037894645226208583");

  private static final long P0 = MODULUS.longValue();
  private static final long P1 = MODULUS.shiftRight(64).longValue();
  private static final long P2 = MODULUS.shiftRight(128).longValue();
  private static final long P3 = MODULUS.shiftRight(192).longValue();

  /** -p^-1 mod 2^64, the Montgomery reduction factor. */
  private static final long INV = negInverse64(P0);

  /** R² mod p as raw limbs: multiplying by it moves a plain value into Montgomery form. */
  private static final Fp R_SQUARED = rawLimbs(BigInteger.ONE.shiftLeft(512).mod(MODULUS));

  private static final Fp RAW_ONE = new Fp(1, 0, 0, 0);

  static final Fp ZERO = new Fp(0, 0, 0, 0);
  static final Fp ONE = of(BigInteger.ONE);

  /** The field element with the given value, reduced mod p (negative values allowed). */
  static Fp of(BigInteger value) {
    return rawLimbs(value.mod(MODULUS)).mul(R_SQUARED);
  }

  static Fp of(long value) {
    return of(BigInteger.valueOf(value));
  }

  /**
   * Whether the 32-byte big-endian integer at {@code offset} is below p: the precompiles reject a
   * larger encoding rather than reduce it.
   */
  static boolean isCanonical(byte[] in, int offset) {
    long w3 = readLong(in, offset);
    long w2 = readLong(in, offset + 8);
    long w1 = readLong(in, offset + 16);
    long w0 = readLong(in, offset + 24);
    // Lexicographic comparison from the top limb.
    if (w3 != P3) {
      return Long.compareUnsigned(w3, P3) < 0;
    }
    if (w2 != P2) {
      return Long.compareUnsigned(w2, P2) < 0;
    }
    if (w1 != P1) {
      return Long.compareUnsigned(w1, P1) < 0;
    }
    return Long.compareUnsigned(w0, P0) < 0;
  }

  /** The element encoded at {@code offset} (32 bytes, big-endian), which must be canonical. */
  static Fp fromBytes(byte[] in, int offset) {
    long w3 = readLong(in, offset);
    long w2 = readLong(in, offset + 8);
    long w1 = readLong(in, offset + 16);
    long w0 = readLong(in, offset + 24);
    return new Fp(w0, w1, w2, w3).mul(R_SQUARED);
  }

  /** Writes the canonical 32-byte big-endian value at {@code offset}. */
  void toBytes(byte[] out, int offset) {
    Fp plain = mul(RAW_ONE);
    writeLong(out, offset, plain.l3);
    writeLong(out, offset + 8, plain.l2);
    writeLong(out, offset + 16, plain.l1);
    writeLong(out, offset + 24, plain.l0);
  }

  BigInteger toBigInteger() {
    byte[] bytes = new byte[32];
    toBytes(bytes, 0);
    return new BigInteger(1, bytes);
  }

  boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  Fp add(Fp b) {
    long s0 = l0 + b.l0;
    long c = carry(s0, l0);
    long t1 = l1 + b.l1;
    long s1 = t1 + c;
    c = carry(t1, l1) | carry(s1, t1);
    long t2 = l2 + b.l2;
    long s2 = t2 + c;
    c = carry(t2, l2) | carry(s2, t2);
    return reduceOnce(s0, s1, s2, l3 + b.l3 + c);
  }

  Fp dbl() {
    return add(this);
  }

  Fp sub(Fp b) {
    long d0 = l0 - b.l0;
    long borrow = borrow(l0, b.l0);
    long e1 = l1 - b.l1;
    long d1 = e1 - borrow;
    borrow = borrow(l1, b.l1) | borrow(e1, borrow);
    long e2 = l2 - b.l2;
    long d2 = e2 - borrow;
    borrow = borrow(l2, b.l2) | borrow(e2, borrow);
    long e3 = l3 - b.l3;
    long d3 = e3 - borrow;
    borrow = borrow(l3, b.l3) | borrow(e3, borrow);
    if (borrow == 0) {
      return new Fp(d0, d1, d2, d3);
    }
    long s0 = d0 + P0;
    long c = carry(s0, d0);
    long t1 = d1 + P1;
    long s1 = t1 + c;
    c = carry(t1, d1) | carry(s1, t1);
    long t2 = d2 + P2;
    long s2 = t2 + c;
    c = carry(t2, d2) | carry(s2, t2);
    return new Fp(s0, s1, s2, d3 + P3 + c);
  }

  /**
   * this/2 without a multiplication: an even representative halves by shifting, an odd one is made
   * even by adding p first (Montgomery form is linear, so halving it halves the value). The sum
   * stays below 2^255, inside four limbs.
   */
  Fp half() {
    long mask = -(l0 & 1);
    long s0 = l0 + (P0 & mask);
    long c = carry(s0, l0);
    long t1 = l1 + (P1 & mask);
    long s1 = t1 + c;
    c = carry(t1, l1) | carry(s1, t1);
    long t2 = l2 + (P2 & mask);
    long s2 = t2 + c;
    c = carry(t2, l2) | carry(s2, t2);
    long s3 = l3 + (P3 & mask) + c;
    return new Fp(
        (s0 >>> 1) | (s1 << 63), (s1 >>> 1) | (s2 << 63), (s2 >>> 1) | (s3 << 63), s3 >>> 1);
  }

  Fp neg() {
    return isZero() ? this : ZERO.sub(this);
  }

  /**
   * Montgomery product this·b·2^-256 mod p, row by row (CIOS). Each row adds a_j·b_i into the
   * accumulator and folds in m·p so the lowest limb cancels; the loop has a constant trip count so
   * the JIT unrolls it.
   */
  Fp mul(Fp b) {
    long t0 = 0;
    long t1 = 0;
    long t2 = 0;
    long t3 = 0;
    for (int i = 0; i < 4; i++) {
      long y = i == 0 ? b.l0 : i == 1 ? b.l1 : i == 2 ? b.l2 : b.l3;
      long lo = l0 * y;
      long hi = Math.unsignedMultiplyHigh(l0, y);
      lo += t0;
      hi += carry(lo, t0);
      t0 = lo;
      long a = hi;
      long m = t0 * INV;
      lo = m * P0;
      hi = Math.unsignedMultiplyHigh(m, P0);
      lo += t0;
      long c = hi + carry(lo, t0);

      lo = l1 * y;
      hi = Math.unsignedMultiplyHigh(l1, y);
      lo += a;
      hi += carry(lo, a);
      lo += t1;
      hi += carry(lo, t1);
      a = hi;
      long u = lo;
      lo = m * P1;
      hi = Math.unsignedMultiplyHigh(m, P1);
      lo += c;
      hi += carry(lo, c);
      lo += u;
      hi += carry(lo, u);
      c = hi;
      t0 = lo;

      lo = l2 * y;
      hi = Math.unsignedMultiplyHigh(l2, y);
      lo += a;
      hi += carry(lo, a);
      lo += t2;
      hi += carry(lo, t2);
      a = hi;
      u = lo;
      lo = m * P2;
      hi = Math.unsignedMultiplyHigh(m, P2);
      lo += c;
      hi += carry(lo, c);
      lo += u;
      hi += carry(lo, u);
      c = hi;
      t1 = lo;

      lo = l3 * y;
      hi = Math.unsignedMultiplyHigh(l3, y);
      lo += a;
      hi += carry(lo, a);
      lo += t3;
      hi += carry(lo, t3);
      a = hi;
      u = lo;
      lo = m * P3;
      hi = Math.unsignedMultiplyHigh(m, P3);
      lo += c;
      hi += carry(lo, c);
      lo += u;
      hi += carry(lo, u);
      t2 = lo;
      t3 = hi + a;
    }
    return reduceOnce(t0, t1, t2, t3);
  }

  Fp square() {
    return mul(this);
  }

  /** this^e for a non-negative exponent; used for constants and inversion-free checks. */
  Fp pow(BigInteger e) {
    Fp result = ONE;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      result = result.square();
      if (e.testBit(i)) {
        result = result.mul(this);
      }
    }
    return result;
  }

  /**
   * The multiplicative inverse (zero maps to zero). BigInteger's binary extended GCD is used: only
   * a handful of inversions happen per precompile call, so this is not on the hot path.
   */
  Fp inverse() {
    if (isZero()) {
      return ZERO;
    }
    return of(toBigInteger().modInverse(MODULUS));
  }

  @Override
  public String toString() {
    return toBigInteger().toString();
  }

  /** Returns (s0..s3) − p if that is non-negative, else (s0..s3); input must be below 2p. */
  private static Fp reduceOnce(long s0, long s1, long s2, long s3) {
    long d0 = s0 - P0;
    long borrow = borrow(s0, P0);
    long e1 = s1 - P1;
    long d1 = e1 - borrow;
    borrow = borrow(s1, P1) | borrow(e1, borrow);
    long e2 = s2 - P2;
    long d2 = e2 - borrow;
    borrow = borrow(s2, P2) | borrow(e2, borrow);
    long e3 = s3 - P3;
    long d3 = e3 - borrow;
    borrow = borrow(s3, P3) | borrow(e3, borrow);
    return borrow == 0 ? new Fp(d0, d1, d2, d3) : new Fp(s0, s1, s2, s3);
  }

  /**
   * 1 when the 64-bit sum {@code sum} of {@code addend} and something wrapped around. Carries are
   * unsigned compares: on x86 the JIT turns these into compare-and-set, cheaper than bit tricks.
   */
  private static long carry(long sum, long addend) {
    return Long.compareUnsigned(sum, addend) < 0 ? 1 : 0;
  }

  /** 1 when {@code a − b} borrows. */
  private static long borrow(long a, long b) {
    return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
  }

  private static Fp rawLimbs(BigInteger v) {
    return new Fp(
        v.longValue(),
        v.shiftRight(64).longValue(),
        v.shiftRight(128).longValue(),
        v.shiftRight(192).longValue());
  }

  /** Newton iteration for x with p0·x ≡ 1 mod 2^64, negated; each step doubles correct bits. */
  private static long negInverse64(long p0) {
    long x = p0; // correct to 3 bits for odd p0
    for (int i = 0; i < 6; i++) {
      x *= 2 - p0 * x;
    }
    return -x;
  }

  private static long readLong(byte[] in, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[offset + i] & 0xFF);
    }
    return v;
  }

  private static void writeLong(byte[] out, int offset, long v) {
    for (int i = 7; i >= 0; i--) {
      out[offset + i] = (byte) v;
      v >>>= 8;
    }
  }
}
