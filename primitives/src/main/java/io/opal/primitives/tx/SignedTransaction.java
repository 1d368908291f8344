package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/** A transaction authorised by an ECDSA signature of its sender: every type except deposits. */
public sealed interface SignedTransaction extends Transaction
    permits LegacyTransaction,
        AccessListTransaction,
        DynamicFeeTransaction,
        BlobTransaction,
        SetCodeTransaction {

  UInt256 r();

  UInt256 s();

  /**
   * The signature with its recovery id; empty when the {@code v} or {@code yParity} field names no
   * recovery id (for example a legacy {@code v} of 29).
   */
  Optional<Signature> signature();

  /**
   * The hash the sender signed: legacy pre/post EIP-155, or keccak(type ‖ rlp(unsigned fields)).
   */
  default Hash signingHash() {
    return Hash.wrap(Keccak256.hash(TransactionCodec.encodeUnsigned(this)));
  }

  /** The sender, or empty when the signature recovers no key. */
  default Optional<Address> recoverSender() {
    Optional<Signature> sig = signature();
    if (sig.isEmpty()) {
      return Optional.empty();
    }
    return Secp256k1.get()
        .recoverAddress(Keccak256.hash(TransactionCodec.encodeUnsigned(this)), sig.get());
  }

  @Override
  default Address sender() {
    Signature sig =
        signature()
            .orElseThrow(() -> new InvalidTransactionException(TransactionError.INVALID_SIGNATURE));
    return Secp256k1.get()
        .recoverAddress(Keccak256.hash(TransactionCodec.encodeUnsigned(this)), sig)
        .orElseThrow(
            () -> new InvalidTransactionException(TransactionError.SENDER_RECOVERY_FAILED));
  }
}
