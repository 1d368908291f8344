package io.opal.execution.evm.precompile;

/** Helpers shared by the precompiles' gas formulas and input parsing. */
final class Words {
  private Words() {}

  /** The number of 32-byte words {@code length} bytes occupy, rounded up. */
  static long of(int length) {
    return (length + 31L) >>> 5;
  }

  /** {@code base + perWord × words(length)}: the linear price of the hash and copy precompiles. */
  static long linearGas(int length, long base, long perWord) {
    return base + perWord * of(length);
  }

  /**
   * Copies {@code length} bytes of {@code input} from {@code offset}, reading past its end as zeros
   * (the EVM's right-padding of call data).
   */
  static byte[] padded(byte[] input, int offset, int length) {
    byte[] out = new byte[length];
    if (offset < input.length) {
      System.arraycopy(input, offset, out, 0, Math.min(length, input.length - offset));
    }
    return out;
  }

  /** True when {@code input[from, to)} (zero-padded past its end) is all zero. */
  static boolean allZero(byte[] input, int from, int to) {
    for (int i = from; i < Math.min(to, input.length); i++) {
      if (input[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
