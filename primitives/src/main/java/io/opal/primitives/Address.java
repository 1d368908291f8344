package io.opal.primitives;

import io.opal.primitives.crypto.Keccak256;
import org.apache.tuweni.bytes.Bytes;

/** A 20-byte account address. */
public record Address(Bytes bytes) implements Comparable<Address> {
  public static final int SIZE = 20;
  public static final Address ZERO = new Address(Bytes.wrap(new byte[SIZE]));

  public Address {
    if (bytes.size() != SIZE) {
      throw new IllegalArgumentException("an address has 20 bytes, got " + bytes.size());
    }
  }

  public static Address wrap(byte[] bytes) {
    return new Address(Bytes.wrap(bytes));
  }

  /** Parses {@code 0x}-prefixed or plain hex of exactly 20 bytes. */
  public static Address fromHex(String hex) {
    byte[] raw = Hex.decode(hex);
    if (raw.length != SIZE) {
      throw new DecodingException(-1, "an address has 20 bytes, got " + raw.length + ": " + hex);
    }
    return wrap(raw);
  }

  /** The address whose last 20 bytes of keccak256(uncompressed public key without 0x04) is it. */
  public static Address fromPublicKey(byte[] publicKey64) {
    byte[] h = Keccak256.hash(publicKey64);
    return wrap(java.util.Arrays.copyOfRange(h, 12, 32));
  }

  /** The address of a small number, as precompiles and system contracts are addressed. */
  public static Address ofLong(long value) {
    byte[] raw = new byte[SIZE];
    for (int i = 0; i < 8; i++) {
      raw[SIZE - 1 - i] = (byte) (value >>> (8 * i));
    }
    return wrap(raw);
  }

  public byte[] toArray() {
    return bytes.toArrayUnsafe();
  }

  @Override
  public int compareTo(Address o) {
    return bytes.compareTo(o.bytes);
  }

  @Override
  public String toString() {
    return bytes.toHexString();
  }
}
