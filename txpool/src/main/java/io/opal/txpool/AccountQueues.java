package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The pool's data: every sender's pending and queued transactions, the hash index, the eviction
 * order and the counters the limits apply to. Not thread-safe: {@link TransactionPool} calls it
 * under its lock (only {@link #all}'s reads are safe without it).
 *
 * <p>Invariants between calls: a sender's pending nonces run without gap from its state nonce at
 * the current head; every pooled entry is in {@link #all} and, when remote, in the priced index;
 * the counters match the maps.
 */
final class AccountQueues {
  private final PoolConfig config;
  private final Map<Address, SenderTxs> senders = new HashMap<>();
  private final Map<Address, Integer> authorityRefs = new HashMap<>();
  final ConcurrentHashMap<Hash, PoolEntry> all = new ConcurrentHashMap<>();
  final PricedIndex priced;
  private int pendingCount;
  private int queuedCount;
  private int slots;
  private int localSlots;
  private int localCount;

  AccountQueues(PoolConfig config, UInt256 baseFee) {
    this.config = config;
    this.priced = new PricedIndex(baseFee);
  }

  int pendingCount() {
    return pendingCount;
  }

  int queuedCount() {
    return queuedCount;
  }

  int slots() {
    return slots;
  }

  int localCount() {
    return localCount;
  }

  Optional<SenderTxs> sender(Address address) {
    return Optional.ofNullable(senders.get(address));
  }

  /** The sender's transactions, or an empty unregistered set when it has none. */
  SenderTxs senderOrEmpty(Address address) {
    SenderTxs s = senders.get(address);
    return s != null ? s : new SenderTxs(address, 0);
  }

  List<SenderTxs> senders() {
    return new ArrayList<>(senders.values());
  }

  /** Whether a pooled set-code transaction carries an authorization signed by {@code address}. */
  boolean hasPooledAuthority(Address address) {
    return authorityRefs.containsKey(address);
  }

  // --- entering and leaving ----------------------------------------------------------------

  private void track(PoolEntry e) {
    all.put(e.hash(), e);
    slots += e.slots;
    if (e.isLocal()) {
      localSlots += e.slots;
      localCount++;
    } else {
      priced.add(e);
    }
    for (Address a : e.authorities) {
      authorityRefs.merge(a, 1, Integer::sum);
    }
  }

  private void untrack(PoolEntry e) {
    all.remove(e.hash());
    slots -= e.slots;
    if (e.isLocal()) {
      localSlots -= e.slots;
      localCount--;
    } else {
      priced.remove(e);
    }
    for (Address a : e.authorities) {
      authorityRefs.computeIfPresent(a, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  /** Queues a transaction whose nonce the sender has no transaction for yet. */
  void enqueue(PoolEntry e, long nowMillis) {
    SenderTxs s = senders.computeIfAbsent(e.sender(), a -> new SenderTxs(a, nowMillis));
    if (s.queued.isEmpty()) {
      s.heartbeatMillis = nowMillis; // geth starts the expiry clock when a queue (re)appears
    }
    s.queued.put(e.nonce, e);
    queuedCount++;
    track(e);
  }

  /** Puts {@code e} where {@code old} (same sender and nonce) is; returns where that was. */
  TxStatus replace(PoolEntry old, PoolEntry e, long nowMillis) {
    SenderTxs s = senders.get(e.sender());
    untrack(old);
    track(e);
    if (s.pending.get(e.nonce) == old) {
      s.pending.put(e.nonce, e);
      s.pendingCost = s.pendingCost.subtract(old.totalCost).add(e.totalCost);
      s.heartbeatMillis = nowMillis;
      return TxStatus.PENDING;
    }
    s.queued.put(e.nonce, e);
    return TxStatus.QUEUED;
  }

  /** Drops one pooled transaction; the sender's later pending ones wait in the queue again. */
  void remove(PoolEntry e) {
    SenderTxs s = senders.get(e.sender());
    if (s == null || all.get(e.hash()) != e) {
      return;
    }
    untrack(e);
    if (s.pending.get(e.nonce) == e) {
      s.pending.remove(e.nonce);
      pendingCount--;
      moveToQueue(s, e.nonce + 1); // no overflow: a nonce of 2^64-1 is never admitted
    } else if (s.queued.remove(e.nonce, e)) {
      queuedCount--;
    }
    discardIfEmpty(s);
  }

  /** Moves the sender's pending transactions from nonce {@code from} on to its queue. */
  private void moveToQueue(SenderTxs s, long from) {
    NavigableMap<Long, PoolEntry> tail = s.pending.tailMap(from, true);
    for (PoolEntry e : tail.values()) {
      s.queued.put(e.nonce, e);
      pendingCount--;
      queuedCount++;
    }
    tail.clear();
    recomputePendingCost(s);
  }

  private static void recomputePendingCost(SenderTxs s) {
    BigInteger sum = BigInteger.ZERO;
    for (PoolEntry e : s.pending.values()) {
      sum = sum.add(e.totalCost);
    }
    s.pendingCost = sum;
  }

  private void discardIfEmpty(SenderTxs s) {
    if (s.isEmpty()) {
      senders.remove(s.address);
    }
  }

  // --- promotion and demotion --------------------------------------------------------------

  /**
   * Drops the sender's queued transactions that are stale or unaffordable and moves those that
   * continue its pending run into pending (geth's promoteExecutables for one account); then caps
   * its queue. Adds the newly pending entries to {@code promoted}.
   */
  void promote(
      SenderTxs s, PoolAccount account, long gasLimit, long nowMillis, List<PoolEntry> promoted) {
    while (!s.queued.isEmpty() && Long.compareUnsigned(s.queued.firstKey(), account.nonce()) < 0) {
      dropQueued(s, s.queued.firstEntry().getValue());
    }
    BigInteger balance = account.balance().toBigInteger();
    for (PoolEntry e : new ArrayList<>(s.queued.values())) {
      if (!affordable(e, balance, gasLimit)) {
        dropQueued(s, e);
      }
    }
    long next = s.nextNonce(account.nonce());
    PoolEntry e;
    while ((e = s.queued.remove(next)) != null) {
      queuedCount--;
      s.pending.put(next, e);
      pendingCount++;
      s.pendingCost = s.pendingCost.add(e.totalCost);
      s.heartbeatMillis = nowMillis;
      promoted.add(e);
      next++;
    }
    if (s.queued.size() > config.accountQueue()) {
      for (PoolEntry q : new ArrayList<>(s.queued.descendingMap().values())) {
        if (s.queued.size() <= config.accountQueue()) {
          break;
        }
        if (!q.isLocal()) {
          dropQueued(s, q);
        }
      }
    }
    discardIfEmpty(s);
  }

  private void dropQueued(SenderTxs s, PoolEntry e) {
    s.queued.remove(e.nonce);
    queuedCount--;
    untrack(e);
  }

  private static boolean affordable(PoolEntry e, BigInteger balance, long gasLimit) {
    return e.totalCost.compareTo(balance) <= 0
        && Long.compareUnsigned(e.tx.gasLimit(), gasLimit) <= 0;
  }

  /**
   * After a new head (geth's demoteUnexecutables for one account): drops pending transactions whose
   * nonce the chain has used, drops those the balance or the block gas limit no longer allows and
   * queues the ones behind them, and queues everything if the run no longer starts at the state
   * nonce (a reorg can move it back).
   */
  void demote(SenderTxs s, PoolAccount account, long gasLimit) {
    while (!s.pending.isEmpty()
        && Long.compareUnsigned(s.pending.firstKey(), account.nonce()) < 0) {
      PoolEntry e = s.pending.pollFirstEntry().getValue();
      pendingCount--;
      untrack(e);
    }
    BigInteger balance = account.balance().toBigInteger();
    long cut = -1;
    boolean found = false;
    for (PoolEntry e : new ArrayList<>(s.pending.values())) {
      if (!affordable(e, balance, gasLimit)) {
        s.pending.remove(e.nonce);
        pendingCount--;
        untrack(e);
        if (!found) {
          found = true;
          cut = e.nonce;
        }
      }
    }
    if (found) {
      moveToQueue(s, cut);
    }
    if (!s.pending.isEmpty() && s.pending.firstKey() != account.nonce()) {
      moveToQueue(s, s.pending.firstKey());
    }
    recomputePendingCost(s);
    discardIfEmpty(s);
  }

  /**
   * Re-prices every entry's L1 part for a new head, keeping the senders' sums right. {@code
   * precomputed} holds costs worked out before the lock; the rest are computed here.
   */
  void refreshL1Costs(HeadContext head, Map<PoolEntry, UInt256> precomputed) {
    for (PoolEntry e : all.values()) {
      UInt256 cost = precomputed.get(e);
      e.setL1Cost(
          cost != null ? cost : head.l1Cost().cost(e.tx, e.view.envelope().toArrayUnsafe()));
    }
    for (SenderTxs s : senders.values()) {
      recomputePendingCost(s);
    }
  }

  // --- limits ------------------------------------------------------------------------------

  /**
   * Frees room for {@code e} by evicting cheaper remote transactions of other senders, cheapest
   * first; empty when there is room. A remote transaction must pay strictly more than every
   * transaction it pushes out, and one that cannot execute yet ({@code gapped}) may not push out
   * executable ones. A local one pushes out any remote, and is admitted beyond the capacity while
   * local transactions alone stay within it.
   *
   * @param freed slots {@code e} frees itself by replacing a transaction
   */
  Optional<AddResult.Rejected> makeRoom(PoolEntry e, int freed, boolean gapped) {
    int need = slots + e.slots - freed - config.capacity();
    if (need <= 0) {
      return Optional.empty();
    }
    priced.price(e);
    boolean local = e.isLocal();
    List<PoolEntry> victims = new ArrayList<>();
    int gained = 0;
    Iterator<PoolEntry> cheapest = priced.cheapestFirst();
    while (gained < need && cheapest.hasNext()) {
      PoolEntry c = cheapest.next();
      if (c.sender().equals(e.sender())) {
        continue;
      }
      if (!local) {
        if (PricedIndex.comparePrice(c, e) >= 0) {
          if (victims.isEmpty()) {
            return Optional.of(AddResult.Rejected.of(PoolError.UNDERPRICED));
          }
          break;
        }
        if (gapped && isPending(c)) {
          return Optional.of(AddResult.Rejected.of(PoolError.FUTURE_REPLACE_PENDING));
        }
      }
      victims.add(c);
      gained += c.slots;
    }
    if (gained < need) {
      if (local && localSlots + e.slots <= config.capacity()) {
        return Optional.empty();
      }
      return Optional.of(AddResult.Rejected.of(PoolError.TXPOOL_FULL));
    }
    victims.forEach(this::remove);
    return Optional.empty();
  }

  boolean isPending(PoolEntry e) {
    SenderTxs s = senders.get(e.sender());
    return s != null && s.pending.get(e.nonce) == e;
  }

  /**
   * When more than {@code globalSlots} transactions are pending, takes them from the senders with
   * the most (above {@code accountSlots}), highest nonce first, one at a time so that the largest
   * senders shrink evenly (geth's truncatePending). Senders whose last pending transaction is local
   * are left alone.
   */
  void truncatePending() {
    if (pendingCount <= config.globalSlots()) {
      return;
    }
    PriorityQueue<SenderTxs> offenders =
        new PriorityQueue<>(Comparator.comparingInt((SenderTxs s) -> s.pending.size()).reversed());
    for (SenderTxs s : senders.values()) {
      if (s.pending.size() > config.accountSlots()) {
        offenders.add(s);
      }
    }
    while (pendingCount > config.globalSlots() && !offenders.isEmpty()) {
      SenderTxs s = offenders.poll();
      PoolEntry last = s.pending.lastEntry().getValue();
      if (last.isLocal()) {
        continue;
      }
      remove(last);
      if (s.pending.size() > config.accountSlots()) {
        offenders.add(s);
      }
    }
  }

  /**
   * When more than {@code globalQueue} transactions are queued, drops queued remote transactions of
   * the senders that made no progress for longest, highest nonces first (geth's truncateQueue).
   */
  void truncateQueue() {
    int excess = queuedCount - config.globalQueue();
    if (excess <= 0) {
      return;
    }
    List<SenderTxs> stalest = new ArrayList<>();
    for (SenderTxs s : senders.values()) {
      if (!s.queued.isEmpty()) {
        stalest.add(s);
      }
    }
    stalest.sort(Comparator.comparingLong(s -> s.heartbeatMillis));
    for (SenderTxs s : stalest) {
      for (PoolEntry e : new ArrayList<>(s.queued.descendingMap().values())) {
        if (excess <= 0) {
          return;
        }
        if (!e.isLocal()) {
          remove(e);
          excess--;
        }
      }
    }
  }

  /** Drops the queued remote transactions of senders without progress for {@code lifetime}. */
  int expire(long nowMillis, long lifetimeMillis) {
    int dropped = 0;
    for (SenderTxs s : senders()) {
      if (!s.queued.isEmpty() && nowMillis - s.heartbeatMillis > lifetimeMillis) {
        for (PoolEntry e : new ArrayList<>(s.queued.values())) {
          if (!e.isLocal()) {
            remove(e);
            dropped++;
          }
        }
      }
    }
    return dropped;
  }

  // --- views -------------------------------------------------------------------------------

  /** The local transactions by sender and nonce, so that a restore re-admits them in order. */
  List<byte[]> localEnvelopes() {
    List<byte[]> out = new ArrayList<>(localCount);
    for (SenderTxs s : senders.values()) {
      for (PoolEntry e : s.pending.values()) {
        if (e.isLocal()) {
          out.add(e.view.envelope().toArrayUnsafe());
        }
      }
      for (PoolEntry e : s.queued.values()) {
        if (e.isLocal()) {
          out.add(e.view.envelope().toArrayUnsafe());
        }
      }
    }
    return out;
  }

  /** A copy of one sender's ({@code only} present) or every sender's transactions. */
  PoolContent content(Optional<Address> only) {
    Map<Address, NavigableMap<Long, PooledTransaction>> pending = new HashMap<>();
    Map<Address, NavigableMap<Long, PooledTransaction>> queued = new HashMap<>();
    Iterable<SenderTxs> chosen =
        only.isPresent() ? sender(only.get()).map(List::of).orElse(List.of()) : senders.values();
    for (SenderTxs s : chosen) {
      if (!s.pending.isEmpty()) {
        pending.put(s.address, views(s.pending));
      }
      if (!s.queued.isEmpty()) {
        queued.put(s.address, views(s.queued));
      }
    }
    return new PoolContent(pending, queued);
  }

  private static NavigableMap<Long, PooledTransaction> views(TreeMap<Long, PoolEntry> entries) {
    TreeMap<Long, PooledTransaction> out = new TreeMap<>(Long::compareUnsigned);
    entries.forEach((nonce, e) -> out.put(nonce, e.view));
    return out;
  }

  /** Each sender's pending transactions in nonce order, for {@link BestTransactions}. */
  List<List<PooledTransaction>> pendingRuns() {
    List<List<PooledTransaction>> runs = new ArrayList<>();
    for (SenderTxs s : senders.values()) {
      if (!s.pending.isEmpty()) {
        List<PooledTransaction> run = new ArrayList<>(s.pending.size());
        s.pending.values().forEach(e -> run.add(e.view));
        runs.add(run);
      }
    }
    return runs;
  }
}
