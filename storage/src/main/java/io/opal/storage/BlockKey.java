package io.opal.storage;

import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import java.util.Objects;

/**
 * A block's composite key: 8-byte big-endian number then 32-byte hash (40 bytes). Number first, so
 * that one height's forks sit together and a scan visits heights in order (rewinding the chain is a
 * range delete from a height); hash second, so that sibling blocks never collide. Also the value of
 * head pointers in {@link Column#METADATA}.
 */
public record BlockKey(long number, Hash hash) {
  public static final int SIZE = Long.BYTES + 32;

  public BlockKey {
    if (number < 0) {
      throw new IllegalArgumentException("block numbers are non-negative, got " + number);
    }
    Objects.requireNonNull(hash, "hash");
  }

  public byte[] toBytes() {
    byte[] out = new byte[SIZE];
    Schema.putLong(out, 0, number);
    System.arraycopy(hash.toArray(), 0, out, Long.BYTES, 32);
    return out;
  }

  /** Reads a key written by {@link #toBytes}; anything else is corrupt data. */
  public static BlockKey parse(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw StorageException.corrupt(
          "corrupt database: a block key has " + SIZE + " bytes, found " + bytes.length);
    }
    long number = Schema.getLong(bytes, 0);
    if (number < 0) {
      throw StorageException.corrupt(
          "corrupt database: block key with a number above 2^63: " + Hex.encode(bytes));
    }
    return new BlockKey(number, Hash.wrap(Schema.slice(bytes, Long.BYTES, SIZE)));
  }

  @Override
  public String toString() {
    return "#" + number + " " + hash;
  }
}
