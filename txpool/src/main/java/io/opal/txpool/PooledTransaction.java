package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.SignedTransaction;
import java.time.Instant;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * A transaction the pool holds, with what it learned on admission so that nobody recomputes it.
 *
 * @param envelope the canonical EIP-2718 envelope (what a block carries)
 * @param arrivalSeq increases with every admission; orders equally priced transactions
 */
public record PooledTransaction(
    SignedTransaction transaction,
    Hash hash,
    Address sender,
    Bytes envelope,
    TxOrigin origin,
    long arrivalSeq,
    Instant arrivalTime) {

  public PooledTransaction {
    Objects.requireNonNull(transaction);
    Objects.requireNonNull(hash);
    Objects.requireNonNull(sender);
    Objects.requireNonNull(envelope);
    Objects.requireNonNull(origin);
    Objects.requireNonNull(arrivalTime);
  }

  public long nonce() {
    return transaction.nonce();
  }

  public boolean isLocal() {
    return origin == TxOrigin.LOCAL;
  }
}
