package io.opal.primitives.crypto;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A BIP-32 extended private key: the 32-byte key, its chain code and where it sits in the tree.
 *
 * @param parentFingerprint the first four bytes of the parent's key identifier (0 for the master)
 * @param childNumber the index this key was derived with ({@link Bip32#HARDENED} bit included)
 */
public record ExtendedPrivateKey(
    Bytes32 key, Bytes32 chainCode, int depth, int parentFingerprint, int childNumber) {

  public ExtendedPrivateKey {
    if (depth < 0 || depth > 255) {
      throw new IllegalArgumentException("BIP-32 depth must fit a byte, got " + depth);
    }
  }

  ExtendedPrivateKey(byte[] key, byte[] chainCode, int depth, int parentFingerprint, int child) {
    this(Bytes32.wrap(key), Bytes32.wrap(chainCode), depth, parentFingerprint, child);
  }

  /** CKDpriv: the child at {@code index} (hardened when the {@link Bip32#HARDENED} bit is set). */
  public ExtendedPrivateKey child(int index) {
    byte[] k = key.toArrayUnsafe();
    byte[] keyData;
    byte[] compressed = Bip32.compressedPublicKey(k);
    if ((index & Bip32.HARDENED) != 0) {
      keyData = new byte[33];
      System.arraycopy(k, 0, keyData, 1, 32);
    } else {
      keyData = compressed;
    }
    byte[] i = Bip32.hmacSha512(chainCode.toArrayUnsafe(), Bip32.childData(keyData, index));
    BigInteger il = new BigInteger(1, Bip32.left(i));
    if (il.compareTo(Bip32.N) >= 0) {
      throw new Bip32.InvalidChildKeyException("IL is not below the curve order at index " + index);
    }
    BigInteger child = il.add(new BigInteger(1, k)).mod(Bip32.N);
    if (child.signum() == 0) {
      throw new Bip32.InvalidChildKeyException("the child key is zero at index " + index);
    }
    return new ExtendedPrivateKey(
        to32(child), Bip32.right(i), depth + 1, Bip32.fingerprint(compressed), index);
  }

  /** The key at {@code path} (for example {@code m/44'/60'/0'/0/0}) below this one. */
  public ExtendedPrivateKey derive(String path) {
    ExtendedPrivateKey k = this;
    for (int index : Bip32.parsePath(path)) {
      k = k.child(index);
    }
    return k;
  }

  /** N(): the matching extended public key. */
  public ExtendedPublicKey publicKey() {
    return new ExtendedPublicKey(
        org.apache.tuweni.bytes.Bytes.wrap(Bip32.compressedPublicKey(key.toArrayUnsafe())),
        chainCode,
        depth,
        parentFingerprint,
        childNumber);
  }

  /** The Base58Check {@code xprv...} form (mainnet version bytes). */
  public String serialize() {
    byte[] keyData = new byte[33];
    System.arraycopy(key.toArrayUnsafe(), 0, keyData, 1, 32);
    return Bip32.serialize(
        Bip32.XPRV_VERSION,
        depth,
        parentFingerprint,
        childNumber,
        chainCode.toArrayUnsafe(),
        keyData);
  }

  private static byte[] to32(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length == 32) {
      return b;
    }
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  @Override
  public String toString() {
    // Never print key material by accident.
    return "ExtendedPrivateKey[depth="
        + depth
        + ", child="
        + Integer.toUnsignedString(childNumber)
        + "]";
  }
}
