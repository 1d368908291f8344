package io.opal.primitives.crypto;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A BIP-32 extended public key: the compressed 33-byte point, its chain code and where it sits in
 * the tree. Only non-hardened children can be derived from it.
 */
public record ExtendedPublicKey(
    Bytes point, Bytes32 chainCode, int depth, int parentFingerprint, int childNumber) {

  public ExtendedPublicKey {
    if (point.size() != 33 || (point.get(0) != 2 && point.get(0) != 3)) {
      throw new IllegalArgumentException("expected a 33-byte compressed secp256k1 point");
    }
    if (depth < 0 || depth > 255) {
      throw new IllegalArgumentException("BIP-32 depth must fit a byte, got " + depth);
    }
  }

  /** CKDpub: the non-hardened child at {@code index}, by point addition. */
  public ExtendedPublicKey child(int index) {
    if ((index & Bip32.HARDENED) != 0) {
      throw new IllegalArgumentException("hardened children need the private key");
    }
    byte[] k = point.toArrayUnsafe();
    byte[] i = Bip32.hmacSha512(chainCode.toArrayUnsafe(), Bip32.childData(k, index));
    byte[] child = Bip32.addScalarPoint(Bip32.left(i), k);
    return new ExtendedPublicKey(
        Bytes.wrap(child), Bytes32.wrap(Bip32.right(i)), depth + 1, Bip32.fingerprint(k), index);
  }

  /** The Base58Check {@code xpub...} form (mainnet version bytes). */
  public String serialize() {
    return Bip32.serialize(
        Bip32.XPUB_VERSION,
        depth,
        parentFingerprint,
        childNumber,
        chainCode.toArrayUnsafe(),
        point.toArrayUnsafe());
  }
}
