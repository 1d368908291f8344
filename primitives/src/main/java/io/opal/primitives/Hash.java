package io.opal.primitives;

import io.opal.primitives.crypto.Keccak256;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/** A 32-byte hash (block, transaction, state root, storage key...). */
public record Hash(Bytes32 bytes) implements Comparable<Hash> {
  public static final Hash ZERO = new Hash(Bytes32.ZERO);

  /** keccak256 of the empty string: the code hash of an account without code. */
  public static final Hash EMPTY = keccak(new byte[0]);

  /** keccak256(rlp("")): the root of an empty Merkle-Patricia trie. */
  public static final Hash EMPTY_TRIE = keccak(new byte[] {(byte) 0x80});

  /** keccak256(rlp([])): the ommers hash of a block without ommers. */
  public static final Hash EMPTY_LIST = keccak(new byte[] {(byte) 0xc0});

  public static Hash wrap(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a hash has 32 bytes, got " + bytes.length);
    }
    return new Hash(Bytes32.wrap(bytes));
  }

  public static Hash fromHex(String hex) {
    byte[] raw = Hex.decode(hex);
    if (raw.length != 32) {
      throw new DecodingException(-1, "a hash has 32 bytes, got " + raw.length + ": " + hex);
    }
    return wrap(raw);
  }

  public static Hash keccak(byte[] data) {
    return wrap(Keccak256.hash(data));
  }

  public static Hash keccak(Bytes data) {
    return wrap(Keccak256.hash(data.toArrayUnsafe()));
  }

  public byte[] toArray() {
    return bytes.toArrayUnsafe();
  }

  @Override
  public int compareTo(Hash o) {
    return bytes.compareTo(o.bytes);
  }

  @Override
  public String toString() {
    return bytes.toHexString();
  }
}
