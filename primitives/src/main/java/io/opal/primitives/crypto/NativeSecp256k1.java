package io.opal.primitives.crypto;

import java.util.Arrays;
import java.util.Optional;

/** libsecp256k1 through ACINQ's JNI binding (fr.acinq.secp256k1). */
final class NativeSecp256k1 implements Secp256k1 {
  private final fr.acinq.secp256k1.Secp256k1 lib;

  private NativeSecp256k1(fr.acinq.secp256k1.Secp256k1 lib) {
    this.lib = lib;
  }

  static Optional<Secp256k1> load() {
    try {
      fr.acinq.secp256k1.Secp256k1 lib = fr.acinq.secp256k1.Secp256k1.Companion.get();
      NativeSecp256k1 impl = new NativeSecp256k1(lib);
      impl.publicKey(selfTestKey()); // forces the native library to load now, not on first use
      return Optional.of(impl);
    } catch (Throwable e) { // UnsatisfiedLinkError, ExceptionInInitializerError, ...
      return Optional.empty();
    }
  }

  private static byte[] selfTestKey() {
    byte[] key = new byte[32];
    key[31] = 1;
    return key;
  }

  @Override
  public Optional<byte[]> recoverPublicKey(byte[] hash32, Signature signature) {
    if (!signature.isInRange()) {
      return Optional.empty();
    }
    try {
      byte[] pub = lib.ecdsaRecover(signature.compact(), hash32, signature.recoveryId());
      return Optional.of(Arrays.copyOfRange(pub, 1, 65));
    } catch (RuntimeException e) { // the binding throws Secp256k1Exception when nothing recovers
      return Optional.empty();
    }
  }

  @Override
  public Signature sign(byte[] hash32, byte[] privateKey32) {
    byte[] compact = lib.sign(hash32, privateKey32, null); // no extra entropy: RFC 6979
    byte[] pub = publicKey(privateKey32);
    for (int recId = 0; recId < 2; recId++) {
      Signature candidate = BouncyCastleSecp256k1.fromCompact(compact, recId);
      Optional<byte[]> recovered = recoverPublicKey(hash32, candidate);
      if (recovered.isPresent() && Arrays.equals(recovered.get(), pub)) {
        return candidate;
      }
    }
    throw new IllegalStateException("signature does not recover to its own key");
  }

  @Override
  public byte[] publicKey(byte[] privateKey32) {
    byte[] pub = lib.pubkeyCreate(privateKey32);
    if (pub.length == 33) {
      pub = lib.pubkeyParse(pub);
    }
    return Arrays.copyOfRange(pub, 1, 65);
  }

  @Override
  public String name() {
    return "native libsecp256k1";
  }
}
