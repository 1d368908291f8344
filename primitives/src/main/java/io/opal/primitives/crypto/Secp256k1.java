package io.opal.primitives.crypto;

import io.opal.primitives.Address;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * secp256k1 ECDSA as Ethereum uses it: public-key recovery, signing and key derivation.
 *
 * <p>{@link #get()} returns the native libsecp256k1 binding when its library loads on this machine
 * and the BouncyCastle implementation otherwise (or when the system property {@code
 * opal.secp256k1=bouncycastle} asks for it).
 */
public interface Secp256k1 {

  /**
   * Recovers the 64-byte uncompressed public key (x ‖ y, without the 0x04 prefix) that made {@code
   * signature} over {@code hash32}; empty when no key did (out-of-range r or s, R not on the
   * curve). High s values are accepted: whether they are allowed is the caller's rule (EIP-2).
   */
  Optional<byte[]> recoverPublicKey(byte[] hash32, Signature signature);

  /** A deterministic (RFC 6979) low-s signature of {@code hash32}. */
  Signature sign(byte[] hash32, byte[] privateKey32);

  /** The 64-byte uncompressed public key (without the 0x04 prefix) of a private key. */
  byte[] publicKey(byte[] privateKey32);

  /** A short name for logs and benchmarks. */
  String name();

  default Optional<Address> recoverAddress(byte[] hash32, Signature signature) {
    return recoverPublicKey(hash32, signature).map(Address::fromPublicKey);
  }

  default Address address(byte[] privateKey32) {
    return Address.fromPublicKey(publicKey(privateKey32));
  }

  /** The implementation in use: native when it loads, BouncyCastle otherwise. */
  static Secp256k1 get() {
    return Holder.INSTANCE;
  }

  /** The pure-Java implementation, whatever {@link #get()} chose. */
  static Secp256k1 bouncyCastle() {
    return BouncyCastleSecp256k1.INSTANCE;
  }

  /** The native implementation, if its library loads here. */
  static Optional<Secp256k1> nativeLibrary() {
    return NativeSecp256k1.load();
  }

  /** Lazily chooses once per JVM. */
  final class Holder {
    private static final Secp256k1 INSTANCE = choose();

    private Holder() {}

    private static Secp256k1 choose() {
      Logger log = org.slf4j.LoggerFactory.getLogger(Secp256k1.class);
      if ("bouncycastle".equalsIgnoreCase(System.getProperty("opal.secp256k1"))) {
        log.info("secp256k1: BouncyCastle (requested by opal.secp256k1)");
        return BouncyCastleSecp256k1.INSTANCE;
      }
      Optional<Secp256k1> nativeImpl = NativeSecp256k1.load();
      if (nativeImpl.isPresent()) {
        return nativeImpl.get();
      }
      log.warn("secp256k1: native libsecp256k1 did not load; using the slower BouncyCastle code");
      return BouncyCastleSecp256k1.INSTANCE;
    }
  }
}
