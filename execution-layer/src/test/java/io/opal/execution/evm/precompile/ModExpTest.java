package io.opal.execution.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.precompile.ModExp.Pricing;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.EvmFork;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModExpTest {
  private static final ModExp BYZANTIUM = new ModExp(Pricing.EIP_198);
  private static final ModExp BERLIN = new ModExp(Pricing.EIP_2565);
  private static final ModExp OSAKA = new ModExp(Pricing.EIP_7883);
  private static final ModExp[] ALL = {BYZANTIUM, BERLIN, OSAKA};

  private static String word(long v) {
    return String.format("%064x", v);
  }

  private static byte[] input(String... hexParts) {
    return Hex.decode(String.join("", hexParts));
  }

  /** A well-formed input with the given operands (big-endian, minimal lengths as given). */
  private static byte[] input(byte[] base, byte[] exp, byte[] mod) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Hex.decode(word(base.length) + word(exp.length) + word(mod.length)));
    out.writeBytes(base);
    out.writeBytes(exp);
    out.writeBytes(mod);
    return out.toByteArray();
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int n = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - n, out, length - n, n);
    return out;
  }

  private static byte[] output(ModExp m, byte[] in) {
    PrecompileResult r = m.run(in);
    assertTrue(r.success());
    return r.output();
  }

  // EIP-198's first example: 3^(p-2) mod p = 1 for the prime p = 2^256 - 2^32 - 977 (Fermat).
  private static final byte[] FERMAT =
      input(
          word(1),
          word(32),
          word(32),
          "03",
          "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e",
          "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");

  @Test
  void eip198FermatExample() {
    for (ModExp m : ALL) {
      assertEquals("0x" + word(1), Hex.encode(output(m, FERMAT)), m.pricing().name());
    }
    // The EIP prints the Byzantium price: mult_complexity(32) × 255 / 20.
    assertEquals(13056, BYZANTIUM.gas(FERMAT));
    // EIP-2565: ceil(32/8)² × 255 / 3; EIP-7883: 16 × 255 (32 bytes is still the flat 16).
    assertEquals(1360, BERLIN.gas(FERMAT));
    assertEquals(4080, OSAKA.gas(FERMAT));
  }

  @Test
  void eip198EmptyBaseExample() {
    byte[] in =
        input(
            word(0),
            word(32),
            word(32),
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e",
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
    for (ModExp m : ALL) {
      assertEquals("0x" + word(0), Hex.encode(output(m, in)));
    }
  }

  @Test
  void eip198AstronomicalModulusIsPricedOutAndNeverRun() {
    byte[] in =
        input(
            word(0),
            word(32),
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe",
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd");
    for (ModExp m : ALL) {
      assertEquals(Long.MAX_VALUE, m.gas(in));
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(m.run(in).success()));
    }
  }

  @Test
  void eip198TrailingDataAndTruncatedModulusExamples() {
    byte[] withExtra =
        input(word(1), word(2), word(32), "03", "ffff", "80" + "00".repeat(31), "07");
    byte[] truncated = input(word(1), word(2), word(32), "03", "ffff", "80");
    BigInteger expected =
        BigInteger.valueOf(3).modPow(BigInteger.valueOf(65535), BigInteger.TWO.pow(255));
    for (ModExp m : ALL) {
      assertArrayEquals(fixed(expected, 32), output(m, withExtra));
      assertArrayEquals(fixed(expected, 32), output(m, truncated));
    }
    // adjusted exponent length 15 (the top bit of 0xffff), max length 32.
    assertEquals(1024 * 15 / 20, BYZANTIUM.gas(withExtra));
    assertEquals(200, BERLIN.gas(withExtra), "16 × 15 / 3 = 80, raised to the minimum");
    assertEquals(500, OSAKA.gas(withExtra), "16 × 15 = 240, raised to the minimum");
  }

  @Test
  void zeroLengthsAndZeroModulus() {
    byte[] empty = new byte[0];
    for (ModExp m : ALL) {
      assertArrayEquals(empty, output(m, empty));
      assertArrayEquals(empty, output(m, input(word(0), word(0), word(0))));
      // A zero-length modulus gives an empty result whatever the base and exponent lengths say.
      byte[] noModulus = input(word(1), "ff".repeat(32), word(0), "02");
      if (m == OSAKA) {
        assertFalse(m.run(noModulus).success(), "EIP-7823 length limit");
      } else {
        assertArrayEquals(empty, output(m, noModulus));
      }
      assertArrayEquals(new byte[3], output(m, input(new byte[] {5}, new byte[] {3}, new byte[3])));
      // x^0 = 1, also 0^0, except modulo 1.
      assertArrayEquals(
          new byte[] {0, 1}, output(m, input(new byte[0], new byte[0], new byte[] {0, 7})));
      assertArrayEquals(new byte[] {0}, output(m, input(new byte[0], new byte[0], new byte[] {1})));
    }
    assertEquals(0, BYZANTIUM.gas(new byte[0]));
    assertEquals(200, BERLIN.gas(new byte[0]));
    assertEquals(500, OSAKA.gas(new byte[0]));
  }

  @Test
  void hugeExponentLengthWithoutBaseOrModulusIsCheapAndEmpty() {
    // length_of_EXPONENT = 2^255: nothing to compute since base and modulus are empty.
    byte[] in = input(word(0), "80" + "00".repeat(31), word(0));
    assertEquals(0, BYZANTIUM.gas(in));
    assertEquals(200, BERLIN.gas(in));
    assertEquals(Long.MAX_VALUE, OSAKA.gas(in), "EIP-7883 prices iterations even with no operands");
    assertArrayEquals(new byte[0], output(BYZANTIUM, in));
    assertArrayEquals(new byte[0], output(BERLIN, in));
    assertFalse(OSAKA.run(in).success(), "EIP-7823: operands are at most 1024 bytes");
  }

  @Test
  void pricingFollowsEachFormulaAtTheSizeBoundaries() {
    // base length = modulus length = x, exponent 1 byte of value 1 → iteration count 1.
    long[][] expected = { // x, EIP-198, EIP-2565, EIP-7883
      {1, 0, 200, 500},
      {8, 3, 200, 500},
      {9, 4, 200, 500},
      {32, 51, 200, 500},
      {33, 54, 200, 500},
      {64, 204, 200, 500},
      {65, 211, 200, 500},
      {1024, 17868, 5461, 32768},
      {1025, 17899, 5547, 33282},
    };
    for (long[] row : expected) {
      int x = (int) row[0];
      byte[] in = input(new byte[x], new byte[] {1}, new byte[x]);
      assertEquals(row[1], BYZANTIUM.gas(in), "EIP-198 x=" + x);
      assertEquals(row[2], BERLIN.gas(in), "EIP-2565 x=" + x);
      assertEquals(row[3], OSAKA.gas(in), "EIP-7883 x=" + x);
    }
  }

  @Test
  void iterationCountForLongExponents() {
    // 40-byte exponent whose first 32 bytes have their top bit at index 8·31 + 0 = 248 → 8·8+248.
    byte[] exp = new byte[40];
    exp[0] = 1;
    byte[] in = input(new byte[32], exp, new byte[32]);
    assertEquals(1024 * (8 * 8 + 248) / 20, BYZANTIUM.gas(in));
    assertEquals(16 * (8 * 8 + 248) / 3, BERLIN.gas(in));
    assertEquals(16 * (16 * 8 + 248), OSAKA.gas(in));
    // A long exponent whose head lies beyond the input counts as zero head bits.
    byte[] cut = Arrays.copyOf(in, 96 + 32);
    assertEquals(1024 * (8 * 8) / 20, BYZANTIUM.gas(cut));
  }

  @Test
  void osakaRejectsOperandsLongerThan1024Bytes() {
    byte[] ok = input(new byte[1024], new byte[] {1}, new byte[1024]);
    byte[] tooLong = input(new byte[1025], new byte[] {1}, new byte[1]);
    assertTrue(OSAKA.run(ok).success());
    assertFalse(OSAKA.run(tooLong).success());
    assertTrue(BERLIN.run(tooLong).success());
  }

  @Test
  void forkSelectsPricing() {
    assertEquals(Pricing.EIP_198, ModExp.forFork(EvmFork.BYZANTIUM).pricing());
    assertEquals(Pricing.EIP_198, ModExp.forFork(EvmFork.ISTANBUL).pricing());
    assertEquals(Pricing.EIP_2565, ModExp.forFork(EvmFork.BERLIN).pricing());
    assertEquals(Pricing.EIP_2565, ModExp.forFork(EvmFork.PRAGUE).pricing());
    assertEquals(Pricing.EIP_7883, ModExp.forFork(EvmFork.OSAKA).pricing());
  }

  @Test
  void agreesWithBigIntegerOnRandomOperands() {
    Random random = new Random(198);
    for (int i = 0; i < 2000; i++) {
      byte[] base = randomBytes(random, random.nextInt(40));
      byte[] exp = randomBytes(random, random.nextInt(12));
      byte[] mod = randomBytes(random, 1 + random.nextInt(i % 2 == 0 ? 8 : 40));
      BigInteger m = new BigInteger(1, mod);
      byte[] expected =
          m.signum() == 0
              ? new byte[mod.length]
              : fixed(new BigInteger(1, base).modPow(new BigInteger(1, exp), m), mod.length);
      assertArrayEquals(expected, output(BERLIN, input(base, exp, mod)), "case " + i);
    }
  }

  @Test
  void anExponentRunningPastTheInputLeavesTheModulusAllPadding() {
    Random random = new Random(2565);
    for (int i = 0; i < 100; i++) {
      byte[] base = randomBytes(random, 1 + random.nextInt(20));
      byte[] mod = randomBytes(random, 1 + random.nextInt(24));
      byte[] expPresent = randomBytes(random, 1 + random.nextInt(4));
      int expLen = expPresent.length + 1 + random.nextInt(200);
      byte[] in =
          concat(
              concat(Hex.decode(word(base.length) + word(expLen) + word(mod.length)), base),
              expPresent);
      assertArrayEquals(new byte[mod.length], output(BERLIN, in), "case " + i);
    }
  }

  @Test
  void evenAndPowerOfTwoSmallModuliUseTheChineseRemainderPath() {
    long[] moduli = {2, 4, 6, 12, 1L << 40, (1L << 62) * 1 + 0, 3L << 60, 1000, 1L << 62 | 2};
    Random random = new Random(4);
    for (long m : moduli) {
      for (int i = 0; i < 50; i++) {
        byte[] base = randomBytes(random, 1 + random.nextInt(16));
        byte[] exp = randomBytes(random, 1 + random.nextInt(10));
        byte[] mod = BigInteger.valueOf(m).toByteArray();
        BigInteger expected =
            new BigInteger(1, base).modPow(new BigInteger(1, exp), BigInteger.valueOf(m));
        assertArrayEquals(
            fixed(expected, mod.length), output(BERLIN, input(base, exp, mod)), "m=" + m);
      }
    }
  }

  @Test
  void largePaidExponentsFinishQuickly() {
    // MODEXP's worst work per gas: a one-byte modulus and a 1 MB exponent (8 million squarings,
    // about 2.8 million gas under EIP-2565), and a 9-byte modulus just past the long fast path.
    Random random = new Random(3);
    byte[] exp = randomBytes(random, 1 << 20);
    exp[0] |= (byte) 0x80;
    for (byte[] mod : new byte[][] {{(byte) 0xfb}, {(byte) 0xfa}, randomBytes(random, 9)}) {
      byte[] in = input(new byte[] {7}, exp, mod);
      BigInteger expected =
          BigInteger.valueOf(7).modPow(new BigInteger(1, exp), new BigInteger(1, mod));
      byte[] out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> output(BERLIN, in));
      assertArrayEquals(fixed(expected, mod.length), out);
    }
  }

  @Test
  void refusesToRunWhatNoCallCouldHavePaidFor() {
    // 2^40-byte modulus: priced far beyond MAX_RUNNABLE_GAS, so run() must not allocate it.
    byte[] in = input(word(1), word(1), String.format("%064x", 1L << 40), "02", "03", "05");
    for (ModExp m : ALL) {
      assertTrue(m.gas(in) > ModExp.MAX_RUNNABLE_GAS);
      assertFalse(m.run(in).success());
    }
  }

  @Test
  void randomAndTruncatedInputsNeverThrow() {
    Random random = new Random(5);
    for (int i = 0; i < 500; i++) {
      byte[] in = randomBytes(random, random.nextInt(140));
      // Make the lengths plausible half of the time so run() does real work.
      if (i % 2 == 0 && in.length >= 96) {
        for (int w = 0; w < 3; w++) {
          Arrays.fill(in, 32 * w, 32 * w + 31, (byte) 0);
          in[32 * w + 31] &= 0x3f;
        }
      }
      for (ModExp m : ALL) {
        long gas = m.gas(in);
        assertTrue(gas >= 0);
        PrecompileResult r = m.run(in);
        if (r.success()) {
          assertEquals(
              Math.max(0, new BigInteger(1, Words.padded(in, 64, 32)).intValue()),
              r.output().length);
        }
      }
    }
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
