package io.opal.rpc.backend;

import io.opal.execution.l1chain.L1Mempool;
import io.opal.execution.state.AccountState;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.PoolReader;
import io.opal.rpc.TransactionSubmitter;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.tuweni.bytes.Bytes;

/**
 * The L1 dev chain's {@link L1Mempool} as eth_sendRawTransaction and the txpool_ methods see it.
 * Raw transactions go in as received, so a blob transaction keeps its network-form sidecar. A
 * sender's transactions from its head-state nonce on without a gap are pending; the rest queued.
 */
public final class L1MempoolBackend implements TransactionSubmitter, PoolReader {
  private final ChainDatabase db;
  private final L1Mempool pool;

  public L1MempoolBackend(ChainDatabase db, L1Mempool pool) {
    this.db = db;
    this.pool = pool;
  }

  /** The head state's account nonces (the state is read once per call). */
  public ToLongFunction<Address> headNonces() {
    var state = db.state().head();
    return a -> state.account(a).map(AccountState::nonce).orElse(0L);
  }

  @Override
  public Optional<String> submit(Transaction tx, Bytes raw) {
    return pool.submit(raw, headNonces());
  }

  @Override
  public Status status() {
    Content c = content();
    return new Status(count(c.pending()), count(c.queued()));
  }

  private static long count(Map<Address, NavigableMap<Long, Transaction>> m) {
    return m.values().stream().mapToLong(Map::size).sum();
  }

  @Override
  public Content content() {
    ToLongFunction<Address> nonces = headNonces();
    Map<Address, NavigableMap<Long, Transaction>> pending = new HashMap<>();
    Map<Address, NavigableMap<Long, Transaction>> queued = new HashMap<>();
    pool.content()
        .forEach(
            (sender, txs) -> {
              long next = nonces.applyAsLong(sender);
              for (Map.Entry<Long, Transaction> e : txs.entrySet()) {
                boolean ready = e.getKey() == next;
                if (ready) {
                  next++;
                }
                (ready ? pending : queued)
                    .computeIfAbsent(sender, a -> new TreeMap<>())
                    .put(e.getKey(), e.getValue());
              }
            });
    return new Content(pending, queued);
  }

  @Override
  public Optional<Transaction> transaction(Hash hash) {
    return pool.get(hash).map(L1Mempool.Pooled::transaction);
  }

  @Override
  public OptionalLong pendingNonce(Address sender) {
    return pool.pendingNonce(sender, headNonces().applyAsLong(sender));
  }
}
