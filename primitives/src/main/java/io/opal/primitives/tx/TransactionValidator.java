package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Signature;
import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The static validity rules of a transaction under one fork and chain: everything that needs
 * neither state nor signature recovery (recover with {@link SignedTransaction#recoverSender()}).
 * The EVM transaction processor and the txpool share these; each adds its own state checks.
 *
 * <p>For a deposit, a returned error does not exclude it from the block: the deposit is included
 * and fails (deposits.md). Whether {@code isSystemTx} is still allowed is an OP fork rule and is
 * checked where OP forks are known.
 */
public record TransactionValidator(EvmFork fork, long chainId) {

  /** EIP-3860: twice the EIP-170 code size limit. */
  public static final int MAX_INITCODE_SIZE = 49_152;

  /** EIP-4844: the version byte of a KZG commitment's versioned hash. */
  public static final byte VERSIONED_HASH_VERSION_KZG = 0x01;

  /** The outcome of {@link #validateAndRecover}. */
  public sealed interface Outcome permits Valid, Invalid {}

  /** Statically valid, sent by {@code sender}. */
  public record Valid(Address sender) implements Outcome {}

  public record Invalid(TransactionError error) implements Outcome {}

  /** The first rule {@code tx} breaks, or empty when it is statically valid. No recovery. */
  public Optional<TransactionError> validate(Transaction tx) {
    Optional<TransactionError> error = checkTypeAndSignature(tx);
    return error.isPresent() ? error : checkRest(tx);
  }

  /**
   * {@link #validate} plus sender recovery, in the order clients apply them (type, signature
   * values, recovery, then fees, nonce, size and gas), so a transaction that breaks several rules
   * reports the same one everywhere.
   */
  public Outcome validateAndRecover(Transaction tx) {
    Optional<TransactionError> error = checkTypeAndSignature(tx);
    if (error.isPresent()) {
      return new Invalid(error.get());
    }
    Address sender;
    if (tx instanceof SignedTransaction signed) {
      Optional<Address> recovered = signed.recoverSender();
      if (recovered.isEmpty()) {
        return new Invalid(TransactionError.SENDER_RECOVERY_FAILED);
      }
      sender = recovered.get();
    } else {
      sender = tx.sender();
    }
    error = checkRest(tx);
    return error.isPresent() ? new Invalid(error.get()) : new Valid(sender);
  }

  private Optional<TransactionError> checkTypeAndSignature(Transaction tx) {
    if (!tx.type().isSupportedAt(fork)) {
      return Optional.of(TransactionError.TYPE_NOT_SUPPORTED);
    }
    return tx instanceof SignedTransaction signed ? checkSignature(signed) : Optional.empty();
  }

  private Optional<TransactionError> checkRest(Transaction tx) {
    if (tx instanceof SignedTransaction signed) {
      Optional<TransactionError> error = checkFees(signed);
      if (error.isPresent()) {
        return error;
      }
      if (tx.nonce() == -1L) { // EIP-2681: 2^64-1 could never be incremented
        return Optional.of(TransactionError.NONCE_MAX);
      }
    }
    Optional<TransactionError> error = checkTypeSpecific(tx);
    return error.isPresent() ? error : checkGas(tx);
  }

  private Optional<TransactionError> checkSignature(SignedTransaction tx) {
    if (tx instanceof LegacyTransaction legacy) {
      long v = legacy.v();
      if (v != 27 && v != 28) {
        if (!legacy.isReplayProtected()) {
          return Optional.of(TransactionError.INVALID_SIGNATURE);
        }
        if (fork.isBefore(EvmFork.SPURIOUS_DRAGON)) {
          return Optional.of(TransactionError.REPLAY_PROTECTION_NOT_ACTIVE);
        }
        if (legacy.signedChainId().getAsLong() != chainId) {
          return Optional.of(TransactionError.WRONG_CHAIN_ID);
        }
      }
    } else if (tx.signedChainId().getAsLong() != chainId) {
      return Optional.of(TransactionError.WRONG_CHAIN_ID);
    }
    Optional<Signature> sig = tx.signature();
    if (sig.isEmpty() || !sig.get().isInRange()) {
      return Optional.of(TransactionError.INVALID_SIGNATURE);
    }
    if (fork.isAtLeast(EvmFork.HOMESTEAD) && !sig.get().isLowS()) {
      return Optional.of(TransactionError.SIGNATURE_S_TOO_HIGH);
    }
    return Optional.empty();
  }

  private static Optional<TransactionError> checkFees(SignedTransaction tx) {
    if (tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0) {
      return Optional.of(TransactionError.TIP_ABOVE_FEE_CAP);
    }
    if (productExceeds256Bits(tx.gasLimit(), tx.maxFeePerGas())) {
      return Optional.of(TransactionError.GAS_LIMIT_PRICE_OVERFLOW);
    }
    return Optional.empty();
  }

  private Optional<TransactionError> checkTypeSpecific(Transaction tx) {
    if (tx.isContractCreation()
        && fork.isAtLeast(EvmFork.SHANGHAI)
        && tx.data().size() > MAX_INITCODE_SIZE) {
      return Optional.of(TransactionError.INITCODE_TOO_LARGE);
    }
    if (tx instanceof BlobTransaction blob) {
      if (blob.blobVersionedHashes().isEmpty()) {
        return Optional.of(TransactionError.NO_BLOBS);
      }
      for (Hash h : blob.blobVersionedHashes()) {
        if (h.bytes().get(0) != VERSIONED_HASH_VERSION_KZG) {
          return Optional.of(TransactionError.INVALID_BLOB_VERSIONED_HASH);
        }
      }
    }
    if (tx instanceof SetCodeTransaction setCode && setCode.authorizationList().isEmpty()) {
      return Optional.of(TransactionError.EMPTY_AUTHORIZATION_LIST);
    }
    return Optional.empty();
  }

  private Optional<TransactionError> checkGas(Transaction tx) {
    if (Long.compareUnsigned(tx.gasLimit(), IntrinsicGas.of(tx, fork)) < 0) {
      return Optional.of(TransactionError.INTRINSIC_GAS_TOO_LOW);
    }
    if (fork.isAtLeast(EvmFork.PRAGUE)
        && Long.compareUnsigned(tx.gasLimit(), IntrinsicGas.floorDataGas(tx)) < 0) {
      return Optional.of(TransactionError.FLOOR_DATA_GAS_TOO_LOW);
    }
    return Optional.empty();
  }

  /** Whether gasLimit (unsigned) × price ≥ 2^256, without BigInteger unless it is a close call. */
  static boolean productExceeds256Bits(long gasLimit, UInt256 price) {
    int bits = (64 - Long.numberOfLeadingZeros(gasLimit)) + price.bitLength();
    if (bits <= 256 || gasLimit == 0 || price.isZero()) {
      return false;
    }
    if (bits > 257) {
      return true;
    }
    BigInteger limit = new BigInteger(Long.toUnsignedString(gasLimit));
    return limit.multiply(price.toBigInteger()).bitLength() > 256;
  }
}
