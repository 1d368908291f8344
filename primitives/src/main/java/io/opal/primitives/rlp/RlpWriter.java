package io.opal.primitives.rlp;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Writes canonical RLP into one growing buffer. Lists are opened with {@link #startList()} and
 * closed with {@link #endList()}; the header is inserted when the list closes (one memmove of its
 * payload), so nested structures need no intermediate arrays.
 */
public final class RlpWriter {
  private byte[] buf;
  private int size;
  private int[] listStarts = new int[8];
  private int depth;

  public RlpWriter() {
    this(128);
  }

  public RlpWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** The encoding written so far; every list must be closed. */
  public byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " list(s) still open");
    }
    return Arrays.copyOf(buf, size);
  }

  public Bytes toBytes() {
    return Bytes.wrap(toByteArray());
  }

  public RlpWriter startList() {
    if (depth == listStarts.length) {
      listStarts = Arrays.copyOf(listStarts, depth * 2);
    }
    listStarts[depth++] = size;
    return this;
  }

  public RlpWriter endList() {
    if (depth == 0) {
      throw new IllegalStateException("no list is open");
    }
    int start = listStarts[--depth];
    int payload = size - start;
    int headerSize = payload < 56 ? 1 : 1 + bytesNeeded(payload);
    ensure(headerSize);
    System.arraycopy(buf, start, buf, start + headerSize, payload);
    writeHeaderAt(start, 0xc0, payload);
    size += headerSize;
    return this;
  }

  /** Appends an already encoded item (or several) verbatim. */
  public RlpWriter writeRaw(byte[] encoded) {
    ensure(encoded.length);
    System.arraycopy(encoded, 0, buf, size, encoded.length);
    size += encoded.length;
    return this;
  }

  public RlpWriter writeBytes(byte[] bytes) {
    return writeBytes(bytes, 0, bytes.length);
  }

  public RlpWriter writeBytes(byte[] bytes, int offset, int length) {
    if (length == 1 && (bytes[offset] & 0xff) < 0x80) {
      ensure(1);
      buf[size++] = bytes[offset];
      return this;
    }
    int headerSize = length < 56 ? 1 : 1 + bytesNeeded(length);
    ensure(headerSize + length);
    writeHeaderAt(size, 0x80, length);
    size += headerSize;
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
    return this;
  }

  public RlpWriter writeBytes(Bytes bytes) {
    return writeBytes(bytes.toArrayUnsafe());
  }

  public RlpWriter writeAddress(Address address) {
    return writeBytes(address.toArray());
  }

  /** An address, or the empty string for absence (a contract creation's {@code to}). */
  public RlpWriter writeOptionalAddress(Optional<Address> address) {
    return address.isPresent() ? writeAddress(address.get()) : writeEmptyString();
  }

  public RlpWriter writeHash(Hash hash) {
    return writeBytes(hash.toArray());
  }

  public RlpWriter writeEmptyString() {
    ensure(1);
    buf[size++] = (byte) 0x80;
    return this;
  }

  public RlpWriter writeEmptyList() {
    ensure(1);
    buf[size++] = (byte) 0xc0;
    return this;
  }

  /** An unsigned integer; {@code value} is read as unsigned 64 bits. */
  public RlpWriter writeLong(long value) {
    if (value == 0) {
      return writeEmptyString();
    }
    if (value > 0 && value < 0x80) {
      ensure(1);
      buf[size++] = (byte) value;
      return this;
    }
    int n = 8 - Long.numberOfLeadingZeros(value) / 8;
    ensure(1 + n);
    buf[size++] = (byte) (0x80 + n);
    for (int i = n - 1; i >= 0; i--) {
      buf[size++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  public RlpWriter writeUInt256(UInt256 value) {
    return writeBytes(value.toMinimalBytes().toArrayUnsafe());
  }

  public RlpWriter writeBigInteger(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned");
    }
    if (value.signum() == 0) {
      return writeEmptyString();
    }
    byte[] b = value.toByteArray();
    int skip = b[0] == 0 ? 1 : 0;
    return writeBytes(b, skip, b.length - skip);
  }

  public RlpWriter writeBoolean(boolean value) {
    return writeLong(value ? 1 : 0);
  }

  private void writeHeaderAt(int at, int base, int length) {
    if (length < 56) {
      buf[at] = (byte) (base + length);
      return;
    }
    int n = bytesNeeded(length);
    buf[at] = (byte) (base + 55 + n);
    for (int i = 0; i < n; i++) {
      buf[at + 1 + i] = (byte) (length >>> (8 * (n - 1 - i)));
    }
  }

  private static int bytesNeeded(int length) {
    return 4 - Integer.numberOfLeadingZeros(length) / 8;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  /** Convenience: the RLP of a single byte string. */
  public static byte[] encodeBytes(byte[] bytes) {
    return new RlpWriter(bytes.length + 9).writeBytes(bytes).toByteArray();
  }

  /** Convenience: the RLP of a single unsigned integer. */
  public static byte[] encodeLong(long value) {
    return new RlpWriter(9).writeLong(value).toByteArray();
  }
}
