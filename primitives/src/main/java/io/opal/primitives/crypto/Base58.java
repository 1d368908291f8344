package io.opal.primitives.crypto;

import io.opal.primitives.DecodingException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** Bitcoin's Base58 and Base58Check (BIP-32 serialises extended keys with it). */
public final class Base58 {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);

  /** Generous bound so that a hostile string cannot make the decoder allocate much. */
  private static final int MAX_DECODE_CHARS = 1024;

  private Base58() {}

  public static String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    sb.append("1".repeat(zeros));
    return sb.reverse().toString();
  }

  public static byte[] decode(String text) {
    if (text.length() > MAX_DECODE_CHARS) {
      throw new DecodingException(0, "base58 text longer than " + MAX_DECODE_CHARS + " characters");
    }
    BigInteger n = BigInteger.ZERO;
    int zeros = 0;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        throw new DecodingException(i, "not a base58 character: '" + text.charAt(i) + "'");
      }
      if (leading && digit == 0) {
        zeros++;
      } else {
        leading = false;
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] body = n.signum() == 0 ? new byte[0] : n.toByteArray();
    int skip = body.length > 0 && body[0] == 0 ? 1 : 0; // BigInteger's sign byte
    byte[] out = new byte[zeros + body.length - skip];
    System.arraycopy(body, skip, out, zeros, body.length - skip);
    return out;
  }

  /** Base58 of {@code payload} followed by the first four bytes of its double SHA-256. */
  public static String encodeChecked(byte[] payload) {
    byte[] withSum = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(checksum(payload), 0, withSum, payload.length, 4);
    return encode(withSum);
  }

  /** The payload of a Base58Check string, after verifying its checksum. */
  public static byte[] decodeChecked(String text) {
    byte[] raw = decode(text);
    if (raw.length < 4) {
      throw new DecodingException(0, "base58check text too short for a checksum");
    }
    byte[] payload = Arrays.copyOf(raw, raw.length - 4);
    byte[] sum = checksum(payload);
    for (int i = 0; i < 4; i++) {
      if (sum[i] != raw[payload.length + i]) {
        throw new DecodingException(payload.length, "base58check checksum mismatch");
      }
    }
    return payload;
  }

  private static byte[] checksum(byte[] payload) {
    return sha256(sha256(payload));
  }

  static byte[] sha256(byte[] data) {
    SHA256Digest d = new SHA256Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
