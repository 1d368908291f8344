package io.opal.rpc;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.Transaction;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;

/** Read access to the transaction pool, for txpool_ and the pending views of eth_. */
public interface PoolReader {
  /** Executable (pending) and future (queued) transaction counts. */
  record Status(long pending, long queued) {}

  /** Transactions by sender and nonce. */
  record Content(
      Map<Address, NavigableMap<Long, Transaction>> pending,
      Map<Address, NavigableMap<Long, Transaction>> queued) {}

  Status status();

  Content content();

  /** The pool's transactions from one sender. */
  default Content contentFrom(Address sender) {
    Content all = content();
    return new Content(
        all.pending().containsKey(sender) ? Map.of(sender, all.pending().get(sender)) : Map.of(),
        all.queued().containsKey(sender) ? Map.of(sender, all.queued().get(sender)) : Map.of());
  }

  Optional<Transaction> transaction(Hash hash);

  /**
   * The nonce the sender's next transaction should carry, counting its pending transactions; empty
   * when the pool holds none of them (the state nonce then applies).
   */
  OptionalLong pendingNonce(Address sender);
}
