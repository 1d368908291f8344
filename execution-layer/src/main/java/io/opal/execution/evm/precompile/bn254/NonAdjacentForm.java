package io.opal.execution.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Signed-digit (NAF) representation of a fixed exponent or loop count: digits in {−1, 0, 1}, no two
 * adjacent non-zero, so a square-and-multiply or double-and-add loop over it needs about a third
 * fewer multiplications than over the plain binary form (a −1 costs a cheap negation or
 * conjugation).
 */
final class NonAdjacentForm {

  private NonAdjacentForm() {}

  /** The digits of k ≥ 0, least significant first; the last digit is 1 when k > 0. */
  static int[] of(BigInteger k) {
    int[] digits = new int[k.bitLength() + 1];
    int n = 0;
    BigInteger rest = k;
    while (rest.signum() > 0) {
      int digit = 0;
      if (rest.testBit(0)) {
        digit = rest.testBit(1) ? -1 : 1;
        rest = rest.subtract(BigInteger.valueOf(digit));
      }
      digits[n++] = digit;
      rest = rest.shiftRight(1);
    }
    return Arrays.copyOf(digits, n);
  }
}
