package io.opal.primitives.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP-32 hierarchical deterministic keys on secp256k1: the master key of a seed, private and public
 * child derivation (HMAC-SHA512; the public one by point addition), paths such as {@code
 * m/44'/60'/0'/0/0}, and the {@code xprv}/{@code xpub} serialisation.
 */
public final class Bip32 {
  /** Added to an index to make a hardened child (written {@code i'} in paths). */
  public static final int HARDENED = 0x80000000;

  static final int XPRV_VERSION = 0x0488ADE4;
  static final int XPUB_VERSION = 0x0488B21E;

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  static final BigInteger N = CURVE.getN();
  private static final byte[] MASTER_KEY =
      "Bitcoin seed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Bip32() {}

  /** The master key of a BIP-39 (or any 16–64 byte) seed. */
  public static ExtendedPrivateKey master(byte[] seed) {
    if (seed.length < 16 || seed.length > 64) {
      throw new IllegalArgumentException("BIP-32 seeds are 16 to 64 bytes, got " + seed.length);
    }
    byte[] i = hmacSha512(MASTER_KEY, seed);
    BigInteger k = new BigInteger(1, java.util.Arrays.copyOf(i, 32));
    if (k.signum() == 0 || k.compareTo(N) >= 0) {
      throw new InvalidChildKeyException("the seed gives an invalid master key");
    }
    return new ExtendedPrivateKey(left(i), java.util.Arrays.copyOfRange(i, 32, 64), 0, 0, 0);
  }

  /**
   * Parses a derivation path: {@code m} followed by {@code /index} steps, each optionally hardened
   * with {@code '} or {@code h}.
   */
  public static int[] parsePath(String path) {
    String[] parts = path.trim().split("/");
    if (parts.length == 0 || !parts[0].equals("m")) {
      throw new IllegalArgumentException("a BIP-32 path starts with 'm': " + path);
    }
    List<Integer> out = new ArrayList<>();
    for (int p = 1; p < parts.length; p++) {
      String s = parts[p];
      boolean hardened = s.endsWith("'") || s.endsWith("h") || s.endsWith("H");
      String digits = hardened ? s.substring(0, s.length() - 1) : s;
      long index;
      try {
        index = Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad index '" + s + "' in path " + path, e);
      }
      if (index < 0 || index >= (1L << 31)) {
        throw new IllegalArgumentException("index out of range '" + s + "' in path " + path);
      }
      out.add((int) index | (hardened ? HARDENED : 0));
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static byte[] hmacSha512(byte[] key, byte[] data) {
    HMac mac = new HMac(new SHA512Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[64];
    mac.doFinal(out, 0);
    return out;
  }

  /** The compressed (33-byte) public key of a private key. */
  static byte[] compressedPublicKey(byte[] privateKey) {
    byte[] xy = Secp256k1.get().publicKey(privateKey);
    byte[] out = new byte[33];
    out[0] = (byte) ((xy[63] & 1) == 0 ? 0x02 : 0x03);
    System.arraycopy(xy, 0, out, 1, 32);
    return out;
  }

  /** ser_P(point(IL) + K): public child derivation's point addition. */
  static byte[] addScalarPoint(byte[] il, byte[] compressedParent) {
    BigInteger t = new BigInteger(1, il);
    if (t.compareTo(N) >= 0) {
      throw new InvalidChildKeyException("IL is not below the curve order");
    }
    ECPoint parent = CURVE.getCurve().decodePoint(compressedParent);
    ECPoint child = CURVE.getG().multiply(t).add(parent).normalize();
    if (child.isInfinity()) {
      throw new InvalidChildKeyException("the child public key is the point at infinity");
    }
    return child.getEncoded(true);
  }

  /** The first four bytes of HASH160 (RIPEMD-160 of SHA-256) of a compressed public key. */
  static int fingerprint(byte[] compressedPublicKey) {
    byte[] sha = Base58.sha256(compressedPublicKey);
    RIPEMD160Digest r = new RIPEMD160Digest();
    r.update(sha, 0, sha.length);
    byte[] h = new byte[20];
    r.doFinal(h, 0);
    return ByteBuffer.wrap(h).getInt();
  }

  static byte[] childData(byte[] keyData33, int index) {
    return ByteBuffer.allocate(37).put(keyData33).putInt(index).array();
  }

  static String serialize(
      int version,
      int depth,
      int parentFingerprint,
      int childNumber,
      byte[] chainCode,
      byte[] key33) {
    byte[] payload =
        ByteBuffer.allocate(78)
            .putInt(version)
            .put((byte) depth)
            .putInt(parentFingerprint)
            .putInt(childNumber)
            .put(chainCode)
            .put(key33)
            .array();
    return Base58.encodeChecked(payload);
  }

  static byte[] left(byte[] i) {
    return java.util.Arrays.copyOf(i, 32);
  }

  static byte[] right(byte[] i) {
    return java.util.Arrays.copyOfRange(i, 32, 64);
  }

  /**
   * A derivation step gave an invalid key (probability below 2^-127): BIP-32 says to skip to the
   * next index, which is the caller's choice.
   */
  public static final class InvalidChildKeyException extends RuntimeException {
    public InvalidChildKeyException(String message) {
      super(message);
    }
  }
}
