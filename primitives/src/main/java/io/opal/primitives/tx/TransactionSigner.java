package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Signs transaction bodies with a private key, deterministically (RFC 6979, low s), for tests, the
 * devnet and benchmarks. The signature fields of the body are ignored and replaced; a legacy body's
 * chain id choice is read from its {@code v} (see {@link LegacyTransaction#unsigned}).
 */
public final class TransactionSigner {
  private TransactionSigner() {}

  /** {@code tx} signed by {@code privateKey}; the result's sender is the key's address. */
  @SuppressWarnings("unchecked")
  public static <T extends SignedTransaction> T sign(T tx, byte[] privateKey) {
    Signature sig = Secp256k1.get().sign(tx.signingHash().toArray(), privateKey);
    int y = sig.recoveryId();
    SignedTransaction signed =
        switch (tx) {
          case LegacyTransaction t -> {
            long v = t.isReplayProtected() ? t.signedChainId().getAsLong() * 2 + 35 + y : 27L + y;
            yield t.withSignature(v, sig.r(), sig.s());
          }
          case AccessListTransaction t -> t.withSignature(y, sig.r(), sig.s());
          case DynamicFeeTransaction t -> t.withSignature(y, sig.r(), sig.s());
          case BlobTransaction t -> t.withSignature(y, sig.r(), sig.s());
          case SetCodeTransaction t -> t.withSignature(y, sig.r(), sig.s());
        };
    return (T) signed;
  }

  /** An EIP-7702 authorization of {@code address}'s code, signed by {@code privateKey}. */
  public static Authorization signAuthorization(
      UInt256 chainId, Address address, long nonce, byte[] privateKey) {
    byte[] hash = Authorization.signingHash(chainId, address, nonce);
    Signature sig = Secp256k1.get().sign(hash, privateKey);
    return new Authorization(chainId, address, nonce, sig.recoveryId(), sig.r(), sig.s());
  }
}
