package io.opal.execution.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/** Checks every word operation against BigInteger on edge values and random words. */
class U256Test {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger MASK = TWO_256.subtract(BigInteger.ONE);
  private static final BigInteger TWO_255 = BigInteger.ONE.shiftLeft(255);

  private final U256.Scratch scratch = new U256.Scratch();

  /** Edge values plus random words of every limb-length and some structured patterns. */
  private static List<BigInteger> samples() {
    List<BigInteger> out = new ArrayList<>();
    long[] small = {0, 1, 2, 3, 7, 31, 32, 255, 256, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE};
    for (long v : small) {
      out.add(BigInteger.valueOf(v));
    }
    for (int bits : new int[] {63, 64, 65, 127, 128, 129, 191, 192, 193, 254, 255, 256}) {
      out.add(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
      out.add(BigInteger.ONE.shiftLeft(bits - 1));
    }
    out.add(MASK.subtract(BigInteger.ONE));
    out.add(TWO_255.add(BigInteger.ONE));
    Random r = new Random(1234);
    for (int i = 0; i < 60; i++) {
      int bits = 1 + r.nextInt(256);
      out.add(new BigInteger(bits, r));
    }
    // Words built from extreme limbs hit the rare branches of 64-bit long division (a quotient
    // digit estimate of β - 1, the correction loop, the add-back step).
    long[] limbs = {0, 1, 2, Long.MIN_VALUE, Long.MAX_VALUE, -1L, -2L, 0xFFFFFFFFL, 1L << 32};
    for (int i = 0; i < 60; i++) {
      BigInteger v = BigInteger.ZERO;
      int n = 1 + r.nextInt(4);
      for (int k = 0; k < n; k++) {
        long limb = r.nextInt(3) == 0 ? r.nextLong() : limbs[r.nextInt(limbs.length)];
        v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(limb)));
      }
      out.add(v.and(MASK));
    }
    // Values with a dense top digit and sparse low digits exercise Knuth's add-back step.
    out.add(new BigInteger("ffffffff00000000ffffffff00000000ffffffff00000000ffffffff", 16));
    out.add(new BigInteger("80000000000000000000000000000000ffffffffffffffff", 16));
    out.add(new BigInteger("7fffffff800000010000000000000000", 16));
    out.add(new BigInteger("800000000000000000000003", 16));
    out.add(new BigInteger("200000000000000000000000000000000000000000000000000000000", 16));
    return out;
  }

  private static void put(long[] s, int p, BigInteger v) {
    BigInteger x = v.and(MASK);
    for (int i = 0; i < 4; i++) {
      s[p + i] = x.shiftRight(64 * i).longValue();
    }
  }

  private static BigInteger get(long[] s, int p) {
    BigInteger r = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      r = r.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(s[p + i])));
    }
    return r;
  }

  private static BigInteger signed(BigInteger v) {
    return v.testBit(255) ? v.subtract(TWO_256) : v;
  }

  private static BigInteger unsigned(BigInteger v) {
    return v.mod(TWO_256);
  }

  interface WordOp {
    void apply(long[] s, int a, int b);
  }

  private void checkBinary(String name, WordOp op, BinaryOperator<BigInteger> expected) {
    List<BigInteger> xs = samples();
    long[] s = new long[8];
    for (BigInteger a : xs) {
      for (BigInteger b : xs) {
        put(s, 4, a);
        put(s, 0, b);
        op.apply(s, 4, 0);
        assertEquals(expected.apply(a, b), get(s, 0), name + "(" + a + ", " + b + ")");
      }
    }
  }

  @Test
  void addSubMul() {
    checkBinary("add", U256::add, (a, b) -> a.add(b).and(MASK));
    checkBinary("sub", U256::sub, (a, b) -> a.subtract(b).and(MASK));
    checkBinary("mul", U256::mul, (a, b) -> a.multiply(b).and(MASK));
  }

  @Test
  void divisionFamily() {
    checkBinary(
        "div",
        (s, a, b) -> U256.div(s, a, b, scratch),
        (a, b) -> b.signum() == 0 ? BigInteger.ZERO : a.divide(b));
    checkBinary(
        "mod",
        (s, a, b) -> U256.mod(s, a, b, scratch),
        (a, b) -> b.signum() == 0 ? BigInteger.ZERO : a.mod(b));
    checkBinary(
        "sdiv",
        (s, a, b) -> U256.sdiv(s, a, b, scratch),
        (a, b) ->
            b.signum() == 0 ? BigInteger.ZERO : unsigned(signed(a).divide(signed(b))).and(MASK));
    checkBinary(
        "smod",
        (s, a, b) -> U256.smod(s, a, b, scratch),
        (a, b) -> b.signum() == 0 ? BigInteger.ZERO : unsigned(signed(a).remainder(signed(b))));
  }

  @Test
  void modularArithmeticKeepsWideIntermediates() {
    List<BigInteger> xs = samples();
    long[] s = new long[12];
    Random r = new Random(99);
    for (int i = 0; i < 20000; i++) {
      BigInteger a = xs.get(r.nextInt(xs.size()));
      BigInteger b = xs.get(r.nextInt(xs.size()));
      BigInteger n = xs.get(r.nextInt(xs.size()));
      put(s, 8, a);
      put(s, 4, b);
      put(s, 0, n);
      U256.addMod(s, 8, 4, 0, scratch);
      BigInteger want = n.signum() == 0 ? BigInteger.ZERO : a.add(b).mod(n);
      assertEquals(want, get(s, 0), "addmod " + a + " " + b + " " + n);
      put(s, 0, n);
      U256.mulMod(s, 8, 4, 0, scratch);
      want = n.signum() == 0 ? BigInteger.ZERO : a.multiply(b).mod(n);
      assertEquals(want, get(s, 0), "mulmod " + a + " " + b + " " + n);
    }
  }

  @Test
  void exponentiation() {
    checkBinary("exp", (s, a, b) -> U256.exp(s, a, b, scratch), (a, b) -> a.modPow(b, TWO_256));
  }

  @Test
  void comparisons() {
    checkBinary(
        "lt",
        (s, a, b) -> U256.setSmall(s, b, U256.compareUnsigned(s, a, b) < 0 ? 1 : 0),
        (a, b) -> a.compareTo(b) < 0 ? BigInteger.ONE : BigInteger.ZERO);
    checkBinary(
        "slt",
        (s, a, b) -> U256.setSmall(s, b, U256.compareSigned(s, a, b) < 0 ? 1 : 0),
        (a, b) -> signed(a).compareTo(signed(b)) < 0 ? BigInteger.ONE : BigInteger.ZERO);
    checkBinary(
        "eq",
        (s, a, b) -> U256.setSmall(s, b, U256.equal(s, a, b) ? 1 : 0),
        (a, b) -> a.equals(b) ? BigInteger.ONE : BigInteger.ZERO);
  }

  @Test
  void shiftsAndBytes() {
    checkBinary(
        "shl",
        U256::shl,
        (n, v) ->
            n.compareTo(BigInteger.valueOf(256)) >= 0
                ? BigInteger.ZERO
                : v.shiftLeft(n.intValue()).and(MASK));
    checkBinary(
        "shr",
        U256::shr,
        (n, v) ->
            n.compareTo(BigInteger.valueOf(256)) >= 0
                ? BigInteger.ZERO
                : v.shiftRight(n.intValue()));
    checkBinary(
        "sar",
        U256::sar,
        (n, v) -> {
          int k = n.compareTo(BigInteger.valueOf(256)) >= 0 ? 256 : n.intValue();
          return unsigned(signed(v).shiftRight(k));
        });
    checkBinary(
        "byte",
        U256::byteOp,
        (i, v) ->
            i.compareTo(BigInteger.valueOf(32)) >= 0
                ? BigInteger.ZERO
                : v.shiftRight(8 * (31 - i.intValue())).and(BigInteger.valueOf(255)));
    checkBinary(
        "signextend",
        U256::signExtend,
        (k, v) -> {
          if (k.compareTo(BigInteger.valueOf(31)) >= 0) {
            return v;
          }
          int bits = 8 * (k.intValue() + 1);
          BigInteger low = v.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
          return low.testBit(bits - 1)
              ? unsigned(low.subtract(BigInteger.ONE.shiftLeft(bits)))
              : low;
        });
  }

  @Test
  void negateAndByteLength() {
    long[] s = new long[4];
    for (BigInteger v : samples()) {
      put(s, 0, v);
      U256.negate(s, 0);
      assertEquals(v.negate().mod(TWO_256), get(s, 0), "negate " + v);
      put(s, 0, v);
      assertEquals((v.bitLength() + 7) / 8, U256.byteLength(s, 0), "byteLength " + v);
    }
  }
}
