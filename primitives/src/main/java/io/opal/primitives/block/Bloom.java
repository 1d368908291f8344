package io.opal.primitives.block;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * A 2048-bit logs bloom (yellow paper 4.3.1): each log's address and topics set three bits each,
 * taken from the first three pairs of bytes of their keccak256, 11 bits per pair; bit 0 is the
 * lowest bit of the last byte.
 */
public record Bloom(Bytes bytes) {
  public static final int SIZE = 256;
  public static final Bloom EMPTY = new Bloom(Bytes.wrap(new byte[SIZE]));

  public Bloom {
    if (bytes.size() != SIZE) {
      throw new IllegalArgumentException("a bloom has 256 bytes, got " + bytes.size());
    }
  }

  public static Bloom wrap(byte[] bytes) {
    return new Bloom(Bytes.wrap(bytes));
  }

  /** The bloom of a receipt: every log's address and topics. */
  public static Bloom of(List<Log> logs) {
    if (logs.isEmpty()) {
      return EMPTY;
    }
    byte[] bits = new byte[SIZE];
    for (Log log : logs) {
      addLog(bits, log);
    }
    return wrap(bits);
  }

  /** The bloom of a block: the union of its receipts' blooms. */
  public static Bloom union(List<Bloom> blooms) {
    byte[] bits = new byte[SIZE];
    for (Bloom b : blooms) {
      byte[] other = b.bytes.toArrayUnsafe();
      for (int i = 0; i < SIZE; i++) {
        bits[i] |= other[i];
      }
    }
    return wrap(bits);
  }

  public Bloom or(Bloom other) {
    return union(List.of(this, other));
  }

  static void addLog(byte[] bits, Log log) {
    add(bits, log.address().toArray());
    for (Hash topic : log.topics()) {
      add(bits, topic.toArray());
    }
  }

  private static void add(byte[] bits, byte[] item) {
    byte[] h = Keccak256.hash(item);
    for (int i = 0; i < 6; i += 2) {
      int bit = (((h[i] & 0xff) << 8) | (h[i + 1] & 0xff)) & 2047;
      bits[SIZE - 1 - bit / 8] |= (byte) (1 << (bit % 8));
    }
  }

  /** Whether {@code item}'s three bits are all set: false means certainly absent. */
  public boolean mightContain(byte[] item) {
    byte[] probe = new byte[SIZE];
    add(probe, item);
    byte[] bits = bytes.toArrayUnsafe();
    for (int i = 0; i < SIZE; i++) {
      if ((bits[i] & probe[i]) != probe[i]) {
        return false;
      }
    }
    return true;
  }

  public boolean mightContain(Address address) {
    return mightContain(address.toArray());
  }

  public boolean mightContain(Hash topic) {
    return mightContain(topic.toArray());
  }

  /** Whether every bit set in {@code other} is set here. */
  public boolean contains(Bloom other) {
    byte[] a = bytes.toArrayUnsafe();
    byte[] b = other.bytes.toArrayUnsafe();
    for (int i = 0; i < SIZE; i++) {
      if ((a[i] & b[i]) != b[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return bytes.toHexString();
  }
}
