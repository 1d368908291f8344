package io.opal.execution.evm;

import java.util.Arrays;

/**
 * A frame's memory: a byte array grown in whole words. The interpreter charges the expansion gas
 * before calling {@link #ensure}, so growth is always paid for; {@link #MAX_BYTES} bounds what the
 * JVM can hold (more would need more gas than any block offers).
 */
final class Memory {
  /** Largest memory we allocate; a paid expansion beyond it is treated as out of gas. */
  static final long MAX_BYTES = 0x7FFF_FFE0L;

  byte[] data = new byte[1024];
  int size; // bytes, a multiple of 32

  void reset() {
    size = 0;
  }

  /** Total gas for a memory of {@code words} words: 3·w + w²/512. */
  static long cost(long words) {
    return 3 * words + (words * words >>> 9);
  }

  /** Grows to {@code newSize} bytes (a multiple of 32), zero-filled. */
  void ensure(int newSize) {
    if (newSize <= size) {
      return;
    }
    if (newSize > data.length) {
      int cap = Math.max(newSize, (int) Math.min(Integer.MAX_VALUE - 64, data.length * 2L));
      data = Arrays.copyOf(data, cap);
    }
    Arrays.fill(data, size, newSize, (byte) 0);
    size = newSize;
  }

  /** Copies {@code len} bytes at {@code offset} (inside memory) out. */
  byte[] slice(int offset, int len) {
    return Arrays.copyOfRange(data, offset, offset + len);
  }

  /**
   * Writes {@code len} bytes to {@code memOffset} from {@code src} starting at {@code srcOffset},
   * with zeros where the source ends (CALLDATACOPY, CODECOPY, EXTCODECOPY semantics).
   */
  void copyPadded(int memOffset, byte[] src, long srcOffset, int srcLength, int len) {
    int available = srcOffset >= srcLength ? 0 : (int) Math.min(len, srcLength - srcOffset);
    if (available > 0) {
      System.arraycopy(src, (int) srcOffset, data, memOffset, available);
    }
    if (available < len) {
      Arrays.fill(data, memOffset + available, memOffset + len, (byte) 0);
    }
  }
}
