package io.opal.txpool;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The checks against the head state and the pool's content (geth's {@code
 * ValidateTransactionWithState} and the legacy pool's authorization rules), with geth's messages.
 * Called under the pool lock, except {@link #precheck}.
 */
final class StateChecks {
  private StateChecks() {}

  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  /**
   * The checks that need no pool content, run before the lock so that a sender who cannot pay costs
   * no more than one signature recovery (set-code transactions recover an authority per
   * authorization after this).
   */
  static Optional<AddResult.Rejected> precheck(PoolEntry e, PoolAccount account) {
    if (Long.compareUnsigned(e.nonce, account.nonce()) < 0) {
      return Optional.of(nonceTooLow(e, account));
    }
    BigInteger balance = account.balance().toBigInteger();
    if (balance.compareTo(e.totalCost) < 0) {
      return Optional.of(cannotAfford(balance, e.totalCost));
    }
    return Optional.empty();
  }

  /** Nonce order, nonce gap, and funds for this transaction on top of the sender's pending ones. */
  static Optional<AddResult.Rejected> nonceAndFunds(
      SenderTxs s, PoolEntry e, PoolAccount account, PoolConfig config) {
    if (Long.compareUnsigned(e.nonce, account.nonce()) < 0) {
      return Optional.of(nonceTooLow(e, account));
    }
    long next = s.nextNonce(account.nonce());
    if (Long.compareUnsigned(e.nonce, next) > 0
        && Long.compareUnsigned(e.nonce - next, config.maxNonceGap()) >= 0) {
      return Optional.of(
          AddResult.Rejected.of(
              PoolError.NONCE_TOO_HIGH,
              "next nonce " + Long.toUnsignedString(next) + ", tx nonce " + unsigned(e.nonce)));
    }
    BigInteger balance = account.balance().toBigInteger();
    BigInteger cost = e.totalCost;
    if (balance.compareTo(cost) < 0) {
      return Optional.of(cannotAfford(balance, cost));
    }
    BigInteger spent = s.pendingCost;
    PoolEntry replaced = s.pending.get(e.nonce);
    if (replaced != null) {
      BigInteger bump = cost.subtract(replaced.totalCost);
      BigInteger need = spent.add(bump);
      if (balance.compareTo(need) < 0) {
        return Optional.of(
            AddResult.Rejected.of(
                PoolError.INSUFFICIENT_FUNDS,
                "balance "
                    + balance
                    + ", queued cost "
                    + spent
                    + ", tx bumped "
                    + bump
                    + ", overshot "
                    + need.subtract(balance)));
      }
    } else {
      BigInteger need = spent.add(cost);
      if (balance.compareTo(need) < 0) {
        return Optional.of(
            AddResult.Rejected.of(
                PoolError.INSUFFICIENT_FUNDS,
                "balance "
                    + balance
                    + ", queued cost "
                    + spent
                    + ", tx cost "
                    + cost
                    + ", overshot "
                    + need.subtract(balance)));
      }
    }
    return Optional.empty();
  }

  /**
   * EIP-7702 limits (geth's validateAuth): an account that is delegated, or that a pooled
   * authorization may delegate, can be swept by someone else at any time, so it may have only one
   * executable transaction in flight (a replacement of it is fine) and no gapped ones; and an
   * authorization may not name an account that already has several pooled transactions.
   */
  static Optional<AddResult.Rejected> delegation(
      AccountQueues queues, SenderTxs s, PoolEntry e, PoolAccount account) {
    if (account.hasCode() || queues.hasPooledAuthority(e.sender())) {
      if (s.pending.isEmpty()) {
        if (e.nonce != account.nonce()) {
          return Optional.of(AddResult.Rejected.of(PoolError.GAPPED_NONCE_DELEGATED));
        }
      } else if (!s.pending.containsKey(e.nonce)) {
        return Optional.of(AddResult.Rejected.of(PoolError.INFLIGHT_TX_LIMIT));
      }
    }
    for (var authority : e.authorities) {
      int count = queues.sender(authority).map(SenderTxs::count).orElse(0);
      if (count > 1) {
        return Optional.of(AddResult.Rejected.of(PoolError.AUTHORITY_RESERVED));
      }
    }
    return Optional.empty();
  }

  /**
   * geth's replacement rule: both the fee cap and the tip cap must be higher than the old ones and
   * at least {@code priceBump} percent higher.
   */
  static boolean bumpSufficient(PoolEntry old, PoolEntry e, int priceBump) {
    UInt256 oldCap = old.tx.maxFeePerGas();
    UInt256 oldTip = old.tx.maxPriorityFeePerGas();
    UInt256 newCap = e.tx.maxFeePerGas();
    UInt256 newTip = e.tx.maxPriorityFeePerGas();
    if (newCap.compareTo(oldCap) <= 0 || newTip.compareTo(oldTip) <= 0) {
      return false;
    }
    BigInteger factor = BigInteger.valueOf(100L + priceBump);
    BigInteger capThreshold = oldCap.toBigInteger().multiply(factor).divide(HUNDRED);
    BigInteger tipThreshold = oldTip.toBigInteger().multiply(factor).divide(HUNDRED);
    return newCap.toBigInteger().compareTo(capThreshold) >= 0
        && newTip.toBigInteger().compareTo(tipThreshold) >= 0;
  }

  /**
   * Whether a transaction at {@code nonce} would wait in the queue: above the next pending nonce
   * with a nonce missing in between (geth's isGapped).
   */
  static boolean isGapped(SenderTxs s, long nonce, long stateNonce) {
    long next = s.nextNonce(stateNonce);
    if (Long.compareUnsigned(nonce, next) <= 0) {
      return false;
    }
    for (long n = next; Long.compareUnsigned(n, nonce) < 0; n++) {
      if (!s.queued.containsKey(n)) {
        return true;
      }
    }
    return false;
  }

  private static AddResult.Rejected nonceTooLow(PoolEntry e, PoolAccount account) {
    return AddResult.Rejected.of(
        PoolError.NONCE_TOO_LOW,
        "next nonce " + unsigned(account.nonce()) + ", tx nonce " + unsigned(e.nonce));
  }

  private static AddResult.Rejected cannotAfford(BigInteger balance, BigInteger cost) {
    return AddResult.Rejected.of(
        PoolError.INSUFFICIENT_FUNDS,
        "balance " + balance + ", tx cost " + cost + ", overshot " + cost.subtract(balance));
  }

  private static String unsigned(long value) {
    return Long.toUnsignedString(value);
  }
}
