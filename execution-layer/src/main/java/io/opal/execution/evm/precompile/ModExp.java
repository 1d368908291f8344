package io.opal.execution.evm.precompile;

import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;

/**
 * 0x05 MODEXP (EIP-198): {@code base^exp mod modulus} on big-endian integers of any length. Input:
 * three 32-byte lengths (base, exponent, modulus), then the three numbers, all read as if the input
 * were right-padded with zeros forever. Output: the result, left-padded to the modulus length (zero
 * when the modulus is zero; empty when its length is zero).
 *
 * <p>The lengths are attacker-chosen 256-bit words, so the price is computed exactly (in {@link
 * BigInteger}) before anything is read or allocated. The work {@link #run} does is bounded by the
 * input itself: a non-zero modulus must lie (at least partly) inside the input, so the exponent
 * before it is wholly there too; only the base and modulus can be padding, and their lengths are
 * what the price grows with quadratically.
 */
public final class ModExp implements PrecompiledContract {

  /** The three price schedules MODEXP has had. */
  public enum Pricing {
    /** Byzantium: EIP-198's Karatsuba-shaped complexity, divisor 20. */
    EIP_198,
    /** Berlin: EIP-2565's ceil(len/8)² complexity, divisor 3, minimum 200. */
    EIP_2565,
    /** Osaka: EIP-7883's doubled complexity above 32 bytes, no divisor, minimum 500. */
    EIP_7883
  }

  /** EIP-7823 (Osaka): no operand may be longer than this many bytes. */
  static final int EIP_7823_MAX_LENGTH = 1024;

  /**
   * More gas than any call can carry (L2 gas limits are capped at 200M by the SystemConfig
   * contract; L1 caps a transaction at 2^24 from Osaka, EIP-7825). {@link #run} refuses inputs
   * priced above it, so a caller that skipped the gas check cannot ask for gigabytes or hours.
   */
  static final long MAX_RUNNABLE_GAS = 1L << 32;

  private static final BigInteger B32 = BigInteger.valueOf(32);
  private static final BigInteger B64 = BigInteger.valueOf(64);
  private static final BigInteger B1024 = BigInteger.valueOf(1024);

  private final Pricing pricing;

  public ModExp(Pricing pricing) {
    this.pricing = pricing;
  }

  /** The pricing and limits in force at {@code fork} (which must be Byzantium or later). */
  public static ModExp forFork(EvmFork fork) {
    if (fork.isBefore(EvmFork.BYZANTIUM)) {
      throw new IllegalArgumentException("MODEXP does not exist before Byzantium: " + fork);
    }
    if (fork.isAtLeast(EvmFork.OSAKA)) {
      return new ModExp(Pricing.EIP_7883);
    }
    return new ModExp(fork.isAtLeast(EvmFork.BERLIN) ? Pricing.EIP_2565 : Pricing.EIP_198);
  }

  public Pricing pricing() {
    return pricing;
  }

  @Override
  public long gas(byte[] input) {
    BigInteger baseLen = word(input, 0);
    BigInteger expLen = word(input, 32);
    BigInteger modLen = word(input, 64);
    BigInteger maxLen = baseLen.max(modLen);
    BigInteger iterations = iterationCount(expLen, exponentHead(input, baseLen, expLen));
    BigInteger gas =
        switch (pricing) {
          case EIP_198 ->
              eip198Complexity(maxLen).multiply(iterations).divide(BigInteger.valueOf(20));
          case EIP_2565 ->
              BigInteger.valueOf(200)
                  .max(wordsSquared(maxLen).multiply(iterations).divide(BigInteger.valueOf(3)));
          case EIP_7883 -> {
            BigInteger complexity =
                maxLen.compareTo(B32) <= 0
                    ? BigInteger.valueOf(16)
                    : wordsSquared(maxLen).shiftLeft(1);
            yield BigInteger.valueOf(500).max(complexity.multiply(iterations));
          }
        };
    return gas.bitLength() > 63 ? Long.MAX_VALUE : gas.longValue();
  }

  @Override
  public PrecompileResult run(byte[] input) {
    BigInteger baseLenWord = word(input, 0);
    BigInteger expLenWord = word(input, 32);
    BigInteger modLenWord = word(input, 64);
    if (pricing == Pricing.EIP_7883
        && (baseLenWord.compareTo(B1024) > 0
            || expLenWord.compareTo(B1024) > 0
            || modLenWord.compareTo(B1024) > 0)) {
      return PrecompileResult.failure();
    }
    if (modLenWord.signum() == 0) {
      // Whatever base and exponent are, the result has no bytes (nothing needs reading).
      return PrecompileResult.success(new byte[0]);
    }
    if (gas(input) > MAX_RUNNABLE_GAS) {
      return PrecompileResult.failure();
    }
    // Within MAX_RUNNABLE_GAS the base and modulus lengths are below ~2^21 and the exponent's
    // below ~2^34, so these conversions are exact.
    int baseLen = baseLenWord.intValueExact();
    long expLen = expLenWord.longValueExact();
    int modLen = modLenWord.intValueExact();
    long expOffset = 96L + baseLen;
    BigInteger modulus = readPadded(input, expOffset + expLen, modLen);
    if (modulus.signum() == 0) {
      // Also the case whenever the exponent runs past the input: the modulus is then all padding.
      return PrecompileResult.success(new byte[modLen]);
    }
    BigInteger base = readPadded(input, 96, baseLen);
    BigInteger result = power(base, input, expOffset, expLen, modulus);
    return PrecompileResult.success(leftPad(result, modLen));
  }

  /**
   * base^e mod m, where e is the {@code expLen} bytes of {@code input} from {@code expOffset}: all
   * present, since the non-zero modulus comes after them.
   */
  private static BigInteger power(
      BigInteger base, byte[] input, long expOffset, long expLen, BigInteger modulus) {
    int offset = (int) expOffset;
    int length = (int) expLen;
    if (Words.allZero(input, offset, offset + length)) {
      return BigInteger.ONE.mod(modulus); // e = 0, and x^0 = 1 (also for x = 0)
    }
    if (modulus.bitLength() < 64) {
      long m = modulus.longValueExact();
      long b = base.mod(modulus).longValueExact();
      return BigInteger.valueOf(SmallModulusPower.pow(b, input, offset, length, m));
    }
    return base.modPow(new BigInteger(1, input, offset, length), modulus);
  }

  /** EIP-198 "adjusted exponent length", at least 1 (EIP-7883 counts 16 per extra byte, not 8). */
  private BigInteger iterationCount(BigInteger expLen, BigInteger expHead) {
    int headBits = Math.max(expHead.bitLength() - 1, 0);
    BigInteger count;
    if (expLen.compareTo(B32) <= 0) {
      count = BigInteger.valueOf(headBits);
    } else {
      int perByte = pricing == Pricing.EIP_7883 ? 16 : 8;
      count =
          expLen
              .subtract(B32)
              .multiply(BigInteger.valueOf(perByte))
              .add(BigInteger.valueOf(headBits));
    }
    return count.max(BigInteger.ONE);
  }

  /** The first min(expLen, 32) bytes of the exponent, or zero when the input ends before them. */
  private static BigInteger exponentHead(byte[] input, BigInteger baseLen, BigInteger expLen) {
    int afterHeader = Math.max(input.length - 96, 0);
    if (baseLen.compareTo(BigInteger.valueOf(afterHeader)) >= 0) {
      return BigInteger.ZERO;
    }
    int start = 96 + baseLen.intValueExact();
    int length = expLen.min(B32).intValueExact();
    return new BigInteger(1, Words.padded(input, start, length));
  }

  private static BigInteger eip198Complexity(BigInteger x) {
    BigInteger square = x.multiply(x);
    if (x.compareTo(B64) <= 0) {
      return square;
    }
    if (x.compareTo(B1024) <= 0) {
      return square
          .shiftRight(2)
          .add(x.multiply(BigInteger.valueOf(96)))
          .subtract(BigInteger.valueOf(3072));
    }
    return square
        .shiftRight(4)
        .add(x.multiply(BigInteger.valueOf(480)))
        .subtract(BigInteger.valueOf(199680));
  }

  /** ceil(x / 8)²: EIP-2565's multiplication complexity. */
  private static BigInteger wordsSquared(BigInteger x) {
    BigInteger words = x.add(BigInteger.valueOf(7)).shiftRight(3);
    return words.multiply(words);
  }

  private static BigInteger word(byte[] input, int offset) {
    return new BigInteger(1, Words.padded(input, offset, 32));
  }

  /** {@code length} bytes from {@code offset} of the zero-padded input, as an unsigned number. */
  private static BigInteger readPadded(byte[] input, long offset, int length) {
    if (length == 0 || offset >= input.length) {
      return BigInteger.ZERO;
    }
    int start = (int) offset;
    int present = Math.min(length, input.length - start);
    return new BigInteger(1, input, start, present).shiftLeft(8 * (length - present));
  }

  private static byte[] leftPad(BigInteger value, int length) {
    byte[] raw = value.toByteArray(); // may carry one leading sign byte
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  @Override
  public String name() {
    return "modexp";
  }
}
