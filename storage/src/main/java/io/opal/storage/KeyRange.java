package io.opal.storage;

import io.opal.primitives.Hex;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys an iterator visits: every key {@code k} with {@code start <= k} and, when {@link #end()}
 * is present, {@code k < end}, compared as unsigned bytes (so {@code 0x7f < 0x80} and a key sorts
 * before every longer key it is a prefix of).
 *
 * @param start the first key included (the empty array is the lowest key of all)
 * @param end the first key excluded; empty means "to the last key of the column"
 */
public record KeyRange(byte[] start, Optional<byte[]> end) {
  private static final byte[] NO_BYTES = new byte[0];
  private static final KeyRange ALL = new KeyRange(NO_BYTES, Optional.empty());

  public KeyRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    // Copies, so that a caller reusing its buffers cannot move a range under a running iterator.
    start = start.clone();
    end = end.map(byte[]::clone);
    if (end.isPresent() && Arrays.compareUnsigned(start, end.get()) > 0) {
      throw new IllegalArgumentException(
          "key range start " + Hex.encode(start) + " is after its end " + Hex.encode(end.get()));
    }
  }

  /** Every key of the column. */
  public static KeyRange all() {
    return ALL;
  }

  /** Every key at or after {@code start}. */
  public static KeyRange from(byte[] start) {
    return new KeyRange(start, Optional.empty());
  }

  /** Every key in {@code [start, endExclusive)}. */
  public static KeyRange between(byte[] start, byte[] endExclusive) {
    return new KeyRange(start, Optional.of(endExclusive));
  }

  /** Every key that begins with {@code prefix}. */
  public static KeyRange prefix(byte[] prefix) {
    return new KeyRange(prefix, prefixEnd(prefix));
  }

  /**
   * The smallest key greater than every key beginning with {@code prefix}: the prefix with its last
   * byte below 0xff incremented and the bytes after it dropped. Empty when no such key exists (an
   * empty prefix or one of only 0xff bytes), meaning the range runs to the end of the column.
   */
  public static Optional<byte[]> prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return Optional.of(end);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code key} lies in this range. */
  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, start) >= 0
        && (end.isEmpty() || Arrays.compareUnsigned(key, end.get()) < 0);
  }

  /** Whether the range holds no key at all (start equal to end). */
  public boolean isEmpty() {
    return end.isPresent() && Arrays.equals(start, end.get());
  }

  /** The first key included (a copy). */
  @Override
  public byte[] start() {
    return start.clone();
  }

  /** The first key excluded (a copy), or empty for "to the end of the column". */
  @Override
  public Optional<byte[]> end() {
    return end.map(byte[]::clone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRange other
        && Arrays.equals(start, other.start)
        && end.isPresent() == other.end.isPresent()
        && (end.isEmpty() || Arrays.equals(end.get(), other.end.get()));
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(start) + end.map(Arrays::hashCode).orElse(-1);
  }

  @Override
  public String toString() {
    return "[" + Hex.encode(start) + ", " + end.map(Hex::encode).orElse("end") + ")";
  }
}
