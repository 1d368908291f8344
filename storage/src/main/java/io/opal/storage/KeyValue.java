package io.opal.storage;

import io.opal.primitives.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a column as an iterator yields it. The arrays are the caller's: the store keeps no
 * reference to them.
 */
public record KeyValue(byte[] key, byte[] value) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue other
        && Arrays.equals(key, other.key)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return Hex.encode(key) + " -> " + Hex.encode(value);
  }
}
