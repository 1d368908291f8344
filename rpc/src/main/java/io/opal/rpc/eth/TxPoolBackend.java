package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.PoolReader;
import io.opal.rpc.TransactionSubmitter;
import io.opal.txpool.AddResult;
import io.opal.txpool.PoolContent;
import io.opal.txpool.PoolStatus;
import io.opal.txpool.PoolSubscription;
import io.opal.txpool.PooledTransaction;
import io.opal.txpool.TransactionPool;
import io.opal.txpool.TxOrigin;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;

/**
 * The {@link TransactionPool} seen through the RPC interfaces: eth_sendRawTransaction admits
 * transactions as local ones (geth treats RPC submissions as local), the pool's refusal text is the
 * JSON-RPC error message, and {@link #feed} streams newly executable transactions to {@code
 * newPendingTransactions} subscribers.
 */
public final class TxPoolBackend implements PoolReader, TransactionSubmitter {
  private final TransactionPool pool;

  public TxPoolBackend(TransactionPool pool) {
    this.pool = pool;
  }

  @Override
  public Optional<String> submit(Transaction tx, Bytes raw) {
    // the request's own copy of the bytes, decoded once by eth_sendRawTransaction
    return switch (pool.addDecoded(tx, raw.toArrayUnsafe(), TxOrigin.LOCAL)) {
      case AddResult.Accepted a -> Optional.empty();
      case AddResult.Rejected r -> Optional.of(r.message());
    };
  }

  @Override
  public Status status() {
    PoolStatus s = pool.status();
    return new Status(s.pending(), s.queued());
  }

  @Override
  public Content content() {
    return convert(pool.content());
  }

  @Override
  public Content contentFrom(Address sender) {
    return convert(pool.contentFrom(sender));
  }

  @Override
  public Optional<Transaction> transaction(Hash hash) {
    return pool.get(hash).map(PooledTransaction::transaction);
  }

  /** The pool's answer counts the head state's nonce too, so it always has one. */
  @Override
  public OptionalLong pendingNonce(Address sender) {
    return OptionalLong.of(pool.pendingNonce(sender));
  }

  /**
   * Publishes every transaction that becomes executable to {@code subscriptions}; the pool delivers
   * on its own thread through a queue of {@code capacity} events. Close the result to stop.
   */
  public PoolSubscription feed(EthSubscriptions subscriptions, int capacity) {
    return pool.subscribeNewPending(
        e -> subscriptions.pendingTransaction(e.transaction(), e.sender()), capacity);
  }

  private static Content convert(PoolContent c) {
    return new Content(byNonce(c.pending()), byNonce(c.queued()));
  }

  private static Map<Address, NavigableMap<Long, Transaction>> byNonce(
      Map<Address, NavigableMap<Long, PooledTransaction>> in) {
    Map<Address, NavigableMap<Long, Transaction>> out = new HashMap<>();
    in.forEach(
        (sender, txs) -> {
          NavigableMap<Long, Transaction> m = new TreeMap<>(Long::compareUnsigned);
          txs.forEach((nonce, pooled) -> m.put(nonce, pooled.transaction()));
          out.put(sender, m);
        });
    return out;
  }
}
