package io.opal.rpc;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The two hex encodings of the Ethereum JSON-RPC API, strict as geth's {@code hexutil}: a QUANTITY
 * is {@code 0x} followed by the shortest hex digits ({@code 0x0} for zero, no leading zeros); DATA
 * is {@code 0x} followed by two digits per byte. Decoders throw {@link HexFormatException} with
 * geth's wording so clients see familiar messages.
 */
public final class RpcHex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private RpcHex() {}

  /** Thrown for a malformed hex string; the message is geth's hexutil wording. */
  public static final class HexFormatException extends IllegalArgumentException {
    public HexFormatException(String message) {
      super(message);
    }
  }

  // ---- encoding ----

  /** An unsigned 64-bit quantity (Java longs read as unsigned). */
  public static String quantity(long value) {
    if (value == 0) {
      return "0x0";
    }
    int digits = (64 - Long.numberOfLeadingZeros(value) + 3) / 4;
    char[] out = new char[2 + digits];
    out[0] = '0';
    out[1] = 'x';
    for (int i = digits - 1, shift = 0; i >= 0; i--, shift += 4) {
      out[2 + i] = DIGITS[(int) (value >>> shift) & 0xf];
    }
    return new String(out);
  }

  public static String quantity(UInt256 value) {
    if (value.fitsLong()) {
      return quantity(value.toLong());
    }
    return quantity(value.toUnsignedBigInteger());
  }

  /** A non-negative big integer. */
  public static String quantity(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a quantity cannot be negative: " + value);
    }
    return "0x" + value.toString(16);
  }

  public static String data(byte[] bytes) {
    char[] out = new char[2 + 2 * bytes.length];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      out[2 + 2 * i] = DIGITS[b >>> 4];
      out[3 + 2 * i] = DIGITS[b & 0xf];
    }
    return new String(out);
  }

  public static String data(Bytes bytes) {
    return data(bytes.toArrayUnsafe());
  }

  // ---- decoding ----

  /** An unsigned 64-bit quantity; the result is read as unsigned. */
  public static long decodeLong(String s) {
    int digits = checkQuantity(s);
    if (digits > 16) {
      throw new HexFormatException("hex number > 64 bits");
    }
    long v = 0;
    for (int i = 2; i < s.length(); i++) {
      v = (v << 4) | digit(s.charAt(i));
    }
    return v;
  }

  public static UInt256 decodeUInt256(String s) {
    int digits = checkQuantity(s);
    if (digits > 64) {
      throw new HexFormatException("hex number > 256 bits");
    }
    byte[] raw = new byte[32];
    for (int i = s.length() - 1, nibble = 0; i >= 2; i--, nibble++) {
      int d = digit(s.charAt(i));
      raw[31 - nibble / 2] |= (byte) ((nibble & 1) == 0 ? d : d << 4);
    }
    return UInt256.fromBytes(Bytes32.wrap(raw));
  }

  /** DATA of any even length, {@code 0x} included ("0x" is empty data). */
  public static byte[] decodeData(String s) {
    if (s.isEmpty()) {
      throw new HexFormatException("empty hex string");
    }
    if (!hasPrefix(s)) {
      throw new HexFormatException("hex string without 0x prefix");
    }
    int digits = s.length() - 2;
    if ((digits & 1) == 1) {
      throw new HexFormatException("hex string of odd length");
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((digit(s.charAt(2 + 2 * i)) << 4) | digit(s.charAt(3 + 2 * i)));
    }
    return out;
  }

  /** DATA of exactly {@code size} bytes; {@code what} names the type in the error message. */
  public static byte[] decodeFixed(String s, int size, String what) {
    if (hasPrefix(s) && s.length() - 2 != 2 * size) {
      throw new HexFormatException(
          "hex string has length " + (s.length() - 2) + ", want " + 2 * size + " for " + what);
    }
    return decodeData(s);
  }

  public static Address decodeAddress(String s) {
    return Address.wrap(decodeFixed(s, Address.SIZE, "address"));
  }

  public static Hash decodeHash(String s) {
    return Hash.wrap(decodeFixed(s, 32, "hash"));
  }

  /** Validates a quantity's form and returns its digit count. */
  private static int checkQuantity(String s) {
    if (s.isEmpty()) {
      throw new HexFormatException("empty hex string");
    }
    if (!hasPrefix(s)) {
      throw new HexFormatException("hex string without 0x prefix");
    }
    int digits = s.length() - 2;
    if (digits == 0) {
      throw new HexFormatException("hex string \"0x\"");
    }
    if (digits > 1 && s.charAt(2) == '0') {
      throw new HexFormatException("hex number with leading zero digits");
    }
    for (int i = 2; i < s.length(); i++) {
      digit(s.charAt(i));
    }
    return digits;
  }

  private static boolean hasPrefix(String s) {
    return s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw new HexFormatException("invalid hex string");
  }
}
