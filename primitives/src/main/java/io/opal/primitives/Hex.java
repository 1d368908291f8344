package io.opal.primitives;

/** Hex encoding of byte arrays, fast and strict: the forms JSON-RPC and test fixtures use. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < 10; i++) {
      VALUES['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      VALUES['a' + i] = (byte) (10 + i);
      VALUES['A' + i] = (byte) (10 + i);
    }
  }

  private Hex() {}

  /** Lower-case hex with a {@code 0x} prefix. */
  public static String encode(byte[] bytes) {
    return encode(bytes, 0, bytes.length);
  }

  public static String encode(byte[] bytes, int offset, int length) {
    char[] out = new char[2 + 2 * length];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < length; i++) {
      int b = bytes[offset + i] & 0xff;
      out[2 + 2 * i] = DIGITS[b >>> 4];
      out[3 + 2 * i] = DIGITS[b & 0xf];
    }
    return new String(out);
  }

  /** Lower-case hex without a prefix. */
  public static String encodePlain(byte[] bytes) {
    return encode(bytes).substring(2);
  }

  /**
   * Decodes hex with or without a {@code 0x} prefix. An odd number of digits is read as if a
   * leading zero were present (as geth's and the test fixtures' quantities are written).
   *
   * @throws DecodingException on a character that is not a hex digit
   */
  public static byte[] decode(CharSequence hex) {
    int start = 0;
    int len = hex.length();
    if (len >= 2 && hex.charAt(0) == '0' && (hex.charAt(1) == 'x' || hex.charAt(1) == 'X')) {
      start = 2;
    }
    int digits = len - start;
    byte[] out = new byte[(digits + 1) / 2];
    int o = 0;
    int i = start;
    if ((digits & 1) == 1) {
      out[o++] = (byte) digit(hex, i++);
    }
    while (i < len) {
      out[o++] = (byte) ((digit(hex, i) << 4) | digit(hex, i + 1));
      i += 2;
    }
    return out;
  }

  private static int digit(CharSequence hex, int index) {
    char c = hex.charAt(index);
    int v = c < 128 ? VALUES[c] : -1;
    if (v < 0) {
      throw new DecodingException(index, "invalid hex digit '" + c + "'");
    }
    return v;
  }
}
