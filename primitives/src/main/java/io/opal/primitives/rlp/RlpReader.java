package io.opal.primitives.rlp;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A strict, allocation-light cursor over RLP. It reads the items of one list (or the top level) in
 * order; {@link #enterList()} returns a reader bounded to a nested list and moves this one past it.
 *
 * <p>Everything that is not canonical RLP is rejected with an {@link RlpException} naming the byte
 * offset: a single byte below 0x80 wrapped as a string, a long-form length below 56, a length with
 * leading zeros, a length past the end of the enclosing item, and (for integers) leading zero
 * bytes. Lengths are checked against the bytes actually present before anything is allocated, so a
 * forged length cannot cause a large allocation.
 */
public final class RlpReader {
  private final byte[] data;
  private int pos;
  private final int end;

  private RlpReader(byte[] data, int pos, int end) {
    this.data = data;
    this.pos = pos;
    this.end = end;
  }

  /** A reader over a whole buffer, the top level of which may hold any number of items. */
  public static RlpReader of(byte[] data) {
    return new RlpReader(data, 0, data.length);
  }

  public static RlpReader of(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IllegalArgumentException("range outside the buffer");
    }
    return new RlpReader(data, offset, offset + length);
  }

  public static RlpReader of(Bytes data) {
    return of(data.toArrayUnsafe());
  }

  /** Whether another item follows in this list (or at the top level). */
  public boolean hasNext() {
    return pos < end;
  }

  /** Offset of the cursor in the underlying buffer, for error messages of callers. */
  public int position() {
    return pos;
  }

  /** Throws unless every byte of this reader's range has been consumed. */
  public void finish() {
    if (pos != end) {
      throw new RlpException(pos, (end - pos) + " trailing byte(s) after the last item");
    }
  }

  /** Whether the next item is a list (without consuming it). */
  public boolean nextIsList() {
    requireMore();
    return (data[pos] & 0xff) >= 0xc0;
  }

  /** Whether the next item is the empty string {@code 0x80}. */
  public boolean nextIsEmptyString() {
    requireMore();
    return (data[pos] & 0xff) == 0x80;
  }

  // --- structure -------------------------------------------------------------------------------

  /**
   * Reads the header of the next item into {@link #hdrStart}, {@link #hdrLength} and {@link
   * #hdrList} without moving the cursor.
   */
  private void header() {
    requireMore();
    int start = pos;
    int prefix = data[pos] & 0xff;
    int payloadStart;
    long length;
    if (prefix < 0x80) {
      setHeader(start, 1, false);
      return;
    } else if (prefix <= 0xb7) {
      length = prefix - 0x80;
      payloadStart = start + 1;
      if (length == 1) {
        checkAvailable(start, payloadStart, 1);
        if ((data[payloadStart] & 0xff) < 0x80) {
          throw new RlpException(start, "single byte below 0x80 must not be wrapped as a string");
        }
      }
    } else if (prefix < 0xc0) {
      int lenOfLen = prefix - 0xb7;
      length = longLength(start, lenOfLen);
      payloadStart = start + 1 + lenOfLen;
    } else if (prefix <= 0xf7) {
      length = prefix - 0xc0;
      payloadStart = start + 1;
      checkAvailable(start, payloadStart, length);
      setHeader(payloadStart, (int) length, true);
      return;
    } else {
      int lenOfLen = prefix - 0xf7;
      length = longLength(start, lenOfLen);
      payloadStart = start + 1 + lenOfLen;
      checkAvailable(start, payloadStart, length);
      setHeader(payloadStart, (int) length, true);
      return;
    }
    checkAvailable(start, payloadStart, length);
    setHeader(payloadStart, (int) length, false);
  }

  // The last header read; fields rather than a returned record so the hot path allocates nothing.
  private int hdrStart;
  private int hdrLength;
  private boolean hdrList;

  private void setHeader(int payloadStart, int length, boolean list) {
    hdrStart = payloadStart;
    hdrLength = length;
    hdrList = list;
  }

  private long longLength(int start, int lenOfLen) {
    checkAvailable(start, start + 1, lenOfLen);
    if (data[start + 1] == 0) {
      throw new RlpException(start, "length has leading zero bytes");
    }
    if (lenOfLen > 4) {
      throw new RlpException(start, "length of " + lenOfLen + " bytes exceeds the input");
    }
    long length = 0;
    for (int i = 0; i < lenOfLen; i++) {
      length = (length << 8) | (data[start + 1 + i] & 0xff);
    }
    if (length < 56) {
      throw new RlpException(start, "length " + length + " must use the short form");
    }
    return length;
  }

  private void checkAvailable(int itemStart, int from, long length) {
    if (from > end || length > end - from) {
      throw new RlpException(
          itemStart, "item of " + length + " byte(s) runs past the end of its enclosing input");
    }
  }

  private void requireMore() {
    if (pos >= end) {
      throw new RlpException(pos, "expected another item but the input ends");
    }
  }

  /** Enters the next item, which must be a list; this reader moves past it. */
  public RlpReader enterList() {
    int start = pos;
    header();
    if (!hdrList) {
      throw new RlpException(start, "expected a list, found a string");
    }
    pos = hdrStart + hdrLength;
    return new RlpReader(data, hdrStart, hdrStart + hdrLength);
  }

  /** Skips the next item, whatever it is. */
  public void skip() {
    header();
    pos = hdrStart + hdrLength;
  }

  /** The complete encoding (header and payload) of the next item. */
  public byte[] readRaw() {
    int start = pos;
    header();
    pos = hdrStart + hdrLength;
    return Arrays.copyOfRange(data, start, pos);
  }

  // --- strings ---------------------------------------------------------------------------------

  /** The payload of the next item, which must be a string. */
  public byte[] readBytes() {
    int start = pos;
    header();
    if (hdrList) {
      throw new RlpException(start, "expected a string, found a list");
    }
    pos = hdrStart + hdrLength;
    return Arrays.copyOfRange(data, hdrStart, pos);
  }

  public Bytes readBytesValue() {
    return Bytes.wrap(readBytes());
  }

  /** A string of exactly {@code size} bytes. */
  public byte[] readFixed(int size, String what) {
    int start = pos;
    byte[] b = readBytes();
    if (b.length != size) {
      throw new RlpException(start, what + " must be " + size + " bytes, got " + b.length);
    }
    return b;
  }

  public Address readAddress() {
    return Address.wrap(readFixed(Address.SIZE, "address"));
  }

  /** An address or the empty string (a contract creation's {@code to}). */
  public Optional<Address> readOptionalAddress() {
    if (nextIsEmptyString()) {
      pos++;
      return Optional.empty();
    }
    return Optional.of(readAddress());
  }

  public Hash readHash() {
    return Hash.wrap(readFixed(32, "hash"));
  }

  // --- integers --------------------------------------------------------------------------------

  /** Reads the header of a canonical unsigned integer of at most {@code maxBytes} bytes. */
  private void readIntegerPayload(int maxBytes, String what) {
    int start = pos;
    header();
    if (hdrList) {
      throw new RlpException(start, "expected " + what + ", found a list");
    }
    if (hdrLength > 0 && data[hdrStart] == 0) {
      throw new RlpException(start, what + " has leading zero bytes");
    }
    if (hdrLength > maxBytes) {
      throw new RlpException(start, what + " of " + hdrLength + " bytes exceeds " + maxBytes);
    }
    pos = hdrStart + hdrLength;
  }

  /** An unsigned integer below 2^64, returned as a long (which may be negative when ≥ 2^63). */
  public long readLong() {
    return readLong("integer");
  }

  public long readLong(String what) {
    readIntegerPayload(8, what);
    long v = 0;
    for (int i = hdrStart; i < hdrStart + hdrLength; i++) {
      v = (v << 8) | (data[i] & 0xff);
    }
    return v;
  }

  /** An unsigned integer below 2^63 (gas, nonces, sizes that Java code compares as longs). */
  public long readNonNegativeLong(String what) {
    int start = pos;
    long v = readLong(what);
    if (v < 0) {
      throw new RlpException(start, what + " exceeds 2^63-1");
    }
    return v;
  }

  public int readInt(String what) {
    int start = pos;
    long v = readLong(what);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new RlpException(start, what + " exceeds 2^31-1");
    }
    return (int) v;
  }

  public UInt256 readUInt256() {
    return readUInt256("integer");
  }

  public UInt256 readUInt256(String what) {
    readIntegerPayload(32, what);
    if (hdrLength == 0) {
      return UInt256.ZERO;
    }
    byte[] word = new byte[32];
    System.arraycopy(data, hdrStart, word, 32 - hdrLength, hdrLength);
    return UInt256.fromBytes(Bytes32.wrap(word));
  }

  public BigInteger readBigInteger(String what) {
    readIntegerPayload(Integer.MAX_VALUE, what);
    if (hdrLength == 0) {
      return BigInteger.ZERO;
    }
    return new BigInteger(1, Arrays.copyOfRange(data, hdrStart, hdrStart + hdrLength));
  }
}
