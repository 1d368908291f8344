package io.opal.execution.store;

import io.opal.execution.state.Word256;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;

/**
 * The byte forms of state: hashed keys and storage values. A storage value is stored (in the
 * storage trie and in the flat table alike) as the RLP string of its big-endian bytes without
 * leading zeros; zero is never stored. Values have at most 32 bytes, so the RLP is either a single
 * byte below 0x80 or a short-string header 0x81..0xa0 followed by the bytes; written and read here
 * without going through a general RLP writer because it is on the hot path of every SLOAD/SSTORE.
 */
public final class StateCodec {
  private StateCodec() {}

  /** keccak256 of a 32-byte slot key: the key of the slot in the storage trie. */
  public static Hash slotHash(Word256 slot) {
    return Hash.wrap(Keccak256.hash(slot.toBytes()));
  }

  /** The stored form of a non-zero value. */
  public static byte[] encodeValue(Word256 value) {
    byte[] b = value.toBytes();
    int i = 0;
    while (i < 32 && b[i] == 0) {
      i++;
    }
    int length = 32 - i;
    if (length == 1 && (b[31] & 0xff) < 0x80) {
      return new byte[] {b[31]};
    }
    byte[] out = new byte[length + 1];
    out[0] = (byte) (0x80 + length);
    System.arraycopy(b, i, out, 1, length);
    return out;
  }

  /**
   * Reads a stored value, rejecting anything {@link #encodeValue} would not have written
   * (non-canonical RLP, a leading zero byte, more than 32 bytes, zero).
   */
  public static Word256 decodeValue(byte[] rlp) {
    if (rlp.length == 0) {
      throw new DecodingException(0, "a stored storage value cannot be empty");
    }
    int first = rlp[0] & 0xff;
    if (first < 0x80) {
      if (rlp.length != 1 || first == 0) {
        throw new DecodingException(0, "malformed single-byte storage value");
      }
      return Word256.of(first);
    }
    int length = first - 0x80;
    if (length < 1 || length > 32 || rlp.length != length + 1) {
      throw new DecodingException(0, "a storage value is an RLP string of 1 to 32 bytes");
    }
    if (rlp[1] == 0 || (length == 1 && (rlp[1] & 0xff) < 0x80)) {
      throw new DecodingException(1, "non-canonical storage value");
    }
    byte[] b32 = new byte[32];
    System.arraycopy(rlp, 1, b32, 32 - length, length);
    return Word256.fromBytes(b32);
  }
}
