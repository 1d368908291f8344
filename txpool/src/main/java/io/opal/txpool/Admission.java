package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Signature;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.IntrinsicGas;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionValidator;
import io.opal.primitives.tx.TxType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks that need no pool state, run on the caller's thread before the pool lock is taken:
 * they include the expensive one, sender recovery. The order is geth's {@code ValidateTransaction}
 * (type, size, fork, init code, block gas limit, fee fields, sender, nonce bound, intrinsic gas,
 * floor, minimum tip, authorizations), so a transaction that breaks several rules gets the message
 * geth would give.
 */
final class Admission {
  private Admission() {}

  sealed interface Verdict permits Pass, Fail {}

  /** Statically valid, sent by {@code sender}. */
  record Pass(SignedTransaction tx, Address sender) implements Verdict {}

  record Fail(AddResult.Rejected rejection) implements Verdict {}

  private static Fail fail(PoolError error) {
    return new Fail(AddResult.Rejected.of(error));
  }

  private static Fail fail(PoolError error, String detail) {
    return new Fail(AddResult.Rejected.of(error, detail));
  }

  /**
   * @param size the envelope's length in bytes
   */
  static Verdict check(Transaction tx, int size, HeadContext head, PoolConfig config) {
    if (tx.type() == TxType.DEPOSIT || tx.type() == TxType.BLOB) {
      return fail(PoolError.TYPE_NOT_SUPPORTED);
    }
    if (size > config.maxTxSize()) {
      return fail(
          PoolError.OVERSIZED_DATA, "transaction size " + size + ", limit " + config.maxTxSize());
    }
    SignedTransaction signed = (SignedTransaction) tx;
    EvmFork fork = head.fork().evmFork();
    Optional<Fail> failure = checkShape(signed, fork, head);
    if (failure.isPresent()) {
      return failure.get();
    }
    Verdict sender = recoverSender(signed, config.chainId());
    if (sender instanceof Fail) {
      return sender;
    }
    failure = checkGasAndPrice(signed, fork, config);
    return failure.isPresent() ? failure.get() : sender;
  }

  private static Optional<Fail> checkShape(SignedTransaction tx, EvmFork fork, HeadContext head) {
    if (!tx.type().isSupportedAt(fork)) {
      return Optional.of(
          fail(
              PoolError.TYPE_NOT_SUPPORTED,
              "type "
                  + tx.type().typeByte()
                  + " rejected, pool not yet in "
                  + tx.type().introducedIn().testName()));
    }
    if (tx.isContractCreation()
        && fork.isAtLeast(EvmFork.SHANGHAI)
        && tx.data().size() > TransactionValidator.MAX_INITCODE_SIZE) {
      return Optional.of(
          fail(
              PoolError.MAX_INITCODE_SIZE,
              "code size "
                  + tx.data().size()
                  + ", limit "
                  + TransactionValidator.MAX_INITCODE_SIZE));
    }
    if (Long.compareUnsigned(head.gasLimit(), tx.gasLimit()) < 0) {
      return Optional.of(fail(PoolError.GAS_LIMIT));
    }
    if (tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0) {
      return Optional.of(fail(PoolError.TIP_ABOVE_FEE_CAP));
    }
    return Optional.empty();
  }

  /**
   * Chain id, signature values (EIP-2 low s) and recovery, with geth's wording: every failure is an
   * "invalid sender", the chain id one naming both ids.
   */
  static Verdict recoverSender(SignedTransaction tx, long chainId) {
    if (tx instanceof LegacyTransaction legacy && !legacy.isReplayProtected()) {
      if (legacy.v() != 27 && legacy.v() != 28) {
        return fail(PoolError.INVALID_SENDER, "invalid transaction v, r, s values");
      }
    } else if (tx.signedChainId().getAsLong() != chainId) {
      return fail(
          PoolError.INVALID_CHAIN_ID,
          "invalid chain id for signer: have "
              + Long.toUnsignedString(tx.signedChainId().getAsLong())
              + " want "
              + chainId);
    }
    Optional<Signature> sig = tx.signature();
    if (sig.isEmpty() || !sig.get().isInRange() || !sig.get().isLowS()) {
      return fail(PoolError.INVALID_SENDER, "invalid transaction v, r, s values");
    }
    Optional<Address> sender = tx.recoverSender();
    if (sender.isEmpty()) {
      return fail(PoolError.INVALID_SENDER, "recovery failed");
    }
    return new Pass(tx, sender.get());
  }

  private static Optional<Fail> checkGasAndPrice(
      SignedTransaction tx, EvmFork fork, PoolConfig config) {
    if (tx.nonce() == -1L) {
      return Optional.of(fail(PoolError.NONCE_MAX));
    }
    long gas = tx.gasLimit();
    long intrinsic = IntrinsicGas.of(tx, fork);
    if (Long.compareUnsigned(gas, intrinsic) < 0) {
      return Optional.of(
          fail(
              PoolError.INTRINSIC_GAS,
              "gas " + Long.toUnsignedString(gas) + ", minimum needed " + intrinsic));
    }
    if (fork.isAtLeast(EvmFork.PRAGUE)) {
      long floor = IntrinsicGas.floorDataGas(tx);
      if (Long.compareUnsigned(gas, floor) < 0) {
        return Optional.of(
            fail(
                PoolError.FLOOR_DATA_GAS,
                "gas " + Long.toUnsignedString(gas) + ", minimum needed " + floor));
      }
    }
    if (tx.maxPriorityFeePerGas().compareTo(config.priceLimit()) < 0) {
      return Optional.of(
          fail(
              PoolError.UNDERPRICED,
              "gas tip cap "
                  + tx.maxPriorityFeePerGas().toBigInteger()
                  + ", minimum needed "
                  + config.priceLimit().toBigInteger()));
    }
    if (tx.type() == TxType.SET_CODE && tx.authorizationList().isEmpty()) {
      return Optional.of(fail(PoolError.EMPTY_AUTH_LIST));
    }
    return Optional.empty();
  }

  /**
   * The distinct signers of a set-code transaction's authorizations, as geth's {@code
   * SetCodeAuthorities}: those whose signature values are valid and recover a key, whatever chain
   * id or nonce they name (the EVM skips the rest; the pool only needs to know who might get
   * delegated). One ECDSA recovery each, so call it after the cheap checks.
   */
  static List<Address> authorities(SignedTransaction tx) {
    List<Authorization> auths = tx.authorizationList();
    if (auths.isEmpty()) {
      return List.of();
    }
    Set<Address> out = new LinkedHashSet<>();
    for (Authorization auth : auths) {
      auth.recoverAuthority().ifPresent(out::add);
    }
    return new ArrayList<>(out);
  }
}
