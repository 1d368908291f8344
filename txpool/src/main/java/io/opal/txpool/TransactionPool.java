package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TxType;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction pool, as geth's legacy pool behaves for its users: validation with geth's errors,
 * pending and queued transactions per sender, replacement by fee bump, slot limits with eviction of
 * the cheapest remote transactions, expiry of stale queues, re-validation on every new head (reorgs
 * included), the block builder's order, a journal of local transactions and events for subscribers.
 * OP Stack additions: the sender must also afford the L1 data fee and operator fee ({@link
 * L1CostFunction}); deposits and blob transactions are refused.
 *
 * <p>Threads: RPC threads call {@link #add}/{@link #addRaw} concurrently, the sequencer takes
 * {@link #bestTransactions}, the driver calls {@link #onNewHead}, a scheduler calls {@link
 * #maintain}. One lock guards the pool's content; decoding, signature recovery, the static checks
 * and the state reads for a new transaction happen before it is taken, so the locked part is a few
 * map operations. Listeners and journal writes run after it is released.
 */
public final class TransactionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionPool.class);

  /** The head and its state, swapped as one so that a reader sees a matching pair. */
  private record Head(HeadContext context, PoolStateView state) {}

  /** What {@link #restoreJournal} found and kept. */
  public record Restored(int loaded, int admitted) {}

  private final PoolConfig config;
  private final JournalKeeper journal;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final AccountQueues queues;
  private final PoolEvents events = new PoolEvents();
  private final AtomicLong arrivals = new AtomicLong();
  private volatile Head head;

  public TransactionPool(
      PoolConfig config,
      HeadContext head,
      PoolStateView state,
      PoolJournal journal,
      InstantSource clock) {
    this.config = config;
    this.journal = new JournalKeeper(journal, config, clock.millis());
    this.clock = clock;
    this.head = new Head(head, state);
    this.queues = new AccountQueues(config, head.baseFee());
  }

  public PoolConfig config() {
    return config;
  }

  public HeadContext head() {
    return head.context();
  }

  // --- admission ---------------------------------------------------------------------------

  /** Decodes and admits an envelope as {@code eth_sendRawTransaction} receives it. */
  public AddResult addRaw(byte[] envelope, TxOrigin origin) {
    Optional<AddResult.Rejected> oversized = checkSize(envelope);
    if (oversized.isPresent()) {
      return oversized.get();
    }
    Transaction tx;
    try {
      tx = TransactionCodec.decode(envelope);
    } catch (DecodingException e) {
      return AddResult.Rejected.of(PoolError.INVALID_ENCODING, e.getMessage());
    }
    byte[] own = envelope.clone(); // the caller may reuse its buffer
    return admit(tx, own, Hash.keccak(own), origin, true);
  }

  /**
   * {@link #addRaw} for a caller that has already decoded the envelope for checks of its own
   * (eth_sendRawTransaction): {@code tx} must be what {@link TransactionCodec#decode(byte[])} made
   * of {@code envelope}, whose keccak is the pooled hash. Saves a second decoding on the ingestion
   * path. The envelope is kept as given: the caller must not modify it afterwards.
   */
  public AddResult addDecoded(Transaction tx, byte[] envelope, TxOrigin origin) {
    Optional<AddResult.Rejected> oversized = checkSize(envelope);
    if (oversized.isPresent()) {
      return oversized.get();
    }
    return admit(tx, envelope, Hash.keccak(envelope), origin, true);
  }

  private Optional<AddResult.Rejected> checkSize(byte[] envelope) {
    if (envelope.length <= config.maxTxSize()) {
      return Optional.empty();
    }
    // A blob transaction in network form carries its blobs and is always this large.
    if (envelope[0] == TxType.BLOB.typeByte()) {
      return Optional.of(AddResult.Rejected.of(PoolError.TYPE_NOT_SUPPORTED));
    }
    return Optional.of(
        AddResult.Rejected.of(
            PoolError.OVERSIZED_DATA,
            "transaction size " + envelope.length + ", limit " + config.maxTxSize()));
  }

  /** Admits a decoded transaction. */
  public AddResult add(Transaction tx, TxOrigin origin) {
    byte[] envelope = TransactionCodec.encode(tx);
    return admit(tx, envelope, Hash.keccak(envelope), origin, true);
  }

  private AddResult admit(
      Transaction tx, byte[] envelope, Hash hash, TxOrigin origin, boolean journalIt) {
    if (queues.all.containsKey(hash)) {
      return AddResult.Rejected.of(PoolError.ALREADY_KNOWN);
    }
    Head seen = head;
    Admission.Verdict verdict = Admission.check(tx, envelope.length, seen.context(), config);
    if (verdict instanceof Admission.Fail(AddResult.Rejected rejection)) {
      return rejection;
    }
    Admission.Pass pass = (Admission.Pass) verdict;
    SignedTransaction signed = pass.tx();
    PoolAccount account = seen.state().account(pass.sender());
    UInt256 l1Cost = seen.context().l1Cost().cost(signed, envelope);
    PoolEntry probe = newEntry(signed, hash, pass.sender(), envelope, origin, List.of());
    probe.setL1Cost(l1Cost);
    Optional<AddResult.Rejected> early = StateChecks.precheck(probe, account);
    if (early.isPresent()) {
      return early.get();
    }
    PoolEntry entry = probe;
    if (signed.type() == TxType.SET_CODE) {
      entry =
          newEntry(signed, hash, pass.sender(), envelope, origin, Admission.authorities(signed));
      entry.setL1Cost(l1Cost);
    }
    List<PoolEntry> promoted = new ArrayList<>();
    AddResult result;
    List<NewPendingTransaction> news;
    lock.lock();
    try {
      Head now = head;
      if (now != seen) { // a new head arrived meanwhile: its state decides
        account = now.state().account(pass.sender());
        entry.setL1Cost(now.context().l1Cost().cost(signed, envelope));
      }
      result = insertLocked(entry, account, now.context(), promoted);
      news = stillPooled(promoted);
    } finally {
      lock.unlock();
    }
    events.publish(news);
    if (journalIt && result instanceof AddResult.Accepted a && a.transaction().isLocal()) {
      journal.append(envelope);
    }
    return result;
  }

  private PoolEntry newEntry(
      SignedTransaction tx,
      Hash hash,
      Address sender,
      byte[] envelope,
      TxOrigin origin,
      List<Address> authorities) {
    TxOrigin effective = config.noLocals() ? TxOrigin.REMOTE : origin;
    PooledTransaction view =
        new PooledTransaction(
            tx,
            hash,
            sender,
            Bytes.wrap(envelope),
            effective,
            arrivals.incrementAndGet(),
            clock.instant());
    return new PoolEntry(view, authorities);
  }

  /** The state checks, replacement, room and insertion of one transaction. Lock held. */
  private AddResult insertLocked(
      PoolEntry entry, PoolAccount account, HeadContext context, List<PoolEntry> promoted) {
    if (queues.all.containsKey(entry.hash())) {
      return AddResult.Rejected.of(PoolError.ALREADY_KNOWN);
    }
    SenderTxs s = queues.senderOrEmpty(entry.sender());
    Optional<AddResult.Rejected> rejection =
        StateChecks.nonceAndFunds(s, entry, account, config)
            .or(() -> StateChecks.delegation(queues, s, entry, account));
    if (rejection.isPresent()) {
      return rejection.get();
    }
    PoolEntry old = s.get(entry.nonce);
    if (old != null && !StateChecks.bumpSufficient(old, entry, config.priceBump())) {
      return AddResult.Rejected.of(PoolError.REPLACE_UNDERPRICED);
    }
    boolean gapped = StateChecks.isGapped(s, entry.nonce, account.nonce());
    rejection = queues.makeRoom(entry, old == null ? 0 : old.slots, gapped);
    if (rejection.isPresent()) {
      return rejection.get();
    }
    long now = clock.millis();
    if (old == null) {
      queues.enqueue(entry, now);
    } else if (queues.replace(old, entry, now) == TxStatus.PENDING) {
      promoted.add(entry);
    }
    queues
        .sender(entry.sender())
        .ifPresent(live -> queues.promote(live, account, context.gasLimit(), now, promoted));
    queues.truncatePending();
    queues.truncateQueue();
    if (queues.all.get(entry.hash()) != entry) {
      return AddResult.Rejected.of(PoolError.TXPOOL_FULL); // trimmed right away by the limits
    }
    TxStatus status = queues.isPending(entry) ? TxStatus.PENDING : TxStatus.QUEUED;
    return new AddResult.Accepted(entry.view, status, Optional.ofNullable(old).map(o -> o.view));
  }

  private List<NewPendingTransaction> stillPooled(List<PoolEntry> promoted) {
    List<NewPendingTransaction> out = new ArrayList<>(promoted.size());
    for (PoolEntry e : promoted) {
      if (queues.all.get(e.hash()) == e) {
        out.add(new NewPendingTransaction(e.hash(), e.tx, e.sender()));
      }
    }
    return out;
  }

  // --- head changes ------------------------------------------------------------------------

  /** A new head on top of the previous one (no reorg). */
  public void onNewHead(HeadContext context, PoolStateView state) {
    onNewHead(context, state, List.of(), List.of());
  }

  /**
   * Moves the pool to a new head: drops what the chain included or made unaffordable, demotes what
   * lost its nonce run, promotes what became executable, re-prices for the new base fee and L1
   * cost. After a reorg of the unsafe chain, the transactions of the {@code removed} blocks that
   * the {@code added} blocks do not carry are offered to the pool again (as remote).
   */
  public void onNewHead(
      HeadContext context,
      PoolStateView state,
      List<? extends Transaction> removed,
      List<? extends Transaction> added) {
    List<PoolEntry> reinject = reinjectable(context, removed, added);
    Map<Address, PoolAccount> accounts = prefetchAccounts(state);
    Map<PoolEntry, UInt256> l1Costs = precomputeL1Costs(context);
    List<PoolEntry> promoted = new ArrayList<>();
    List<NewPendingTransaction> news;
    lock.lock();
    try {
      head = new Head(context, state);
      queues.priced.reprice(context.baseFee());
      queues.refreshL1Costs(context, l1Costs);
      long now = clock.millis();
      for (SenderTxs s : queues.senders()) {
        PoolAccount account = accounts.computeIfAbsent(s.address, state::account);
        queues.demote(s, account, context.gasLimit());
        queues.promote(s, account, context.gasLimit(), now, promoted);
      }
      for (PoolEntry e : reinject) {
        PoolAccount account = accounts.computeIfAbsent(e.sender(), state::account);
        e.setL1Cost(context.l1Cost().cost(e.tx, e.view.envelope().toArrayUnsafe()));
        AddResult r = insertLocked(e, account, context, promoted);
        if (r instanceof AddResult.Rejected rejected) {
          LOG.debug("Reorged-out transaction {} not reinjected: {}", e.hash(), rejected.message());
        }
      }
      queues.truncatePending();
      queues.truncateQueue();
      news = stillPooled(promoted);
    } finally {
      lock.unlock();
    }
    events.publish(news);
  }

  /** Reads the pooled senders' accounts before the lock, as state reads may touch the disk. */
  private Map<Address, PoolAccount> prefetchAccounts(PoolStateView state) {
    List<SenderTxs> senders;
    lock.lock();
    try {
      senders = queues.senders();
    } finally {
      lock.unlock();
    }
    Map<Address, PoolAccount> accounts = new HashMap<>(senders.size() * 2);
    for (SenderTxs s : senders) {
      accounts.put(s.address, state.account(s.address));
    }
    return accounts;
  }

  /**
   * The new head's L1 cost of every pooled transaction, worked out before the lock (an OP cost
   * function may compress each envelope); entries that arrive meanwhile are priced under it.
   */
  private Map<PoolEntry, UInt256> precomputeL1Costs(HeadContext context) {
    Map<PoolEntry, UInt256> costs = new IdentityHashMap<>();
    if (context.l1Cost() != L1CostFunction.ZERO) {
      for (PoolEntry e : queues.all.values()) { // weakly consistent: fine for a head start
        costs.put(e, context.l1Cost().cost(e.tx, e.view.envelope().toArrayUnsafe()));
      }
    }
    return costs;
  }

  private List<PoolEntry> reinjectable(
      HeadContext context, List<? extends Transaction> removed, List<? extends Transaction> added) {
    if (removed.isEmpty()) {
      return List.of();
    }
    Set<Hash> kept = new HashSet<>();
    for (Transaction tx : added) {
      kept.add(tx.hash());
    }
    List<PoolEntry> out = new ArrayList<>();
    for (Transaction tx : removed) {
      if (!(tx instanceof SignedTransaction)) {
        continue; // deposits come back through derivation, never through the pool
      }
      byte[] envelope = TransactionCodec.encode(tx);
      Hash hash = Hash.keccak(envelope);
      if (kept.contains(hash)) {
        continue;
      }
      if (Admission.check(tx, envelope.length, context, config) instanceof Admission.Pass p) {
        out.add(
            newEntry(
                p.tx(),
                hash,
                p.sender(),
                envelope,
                TxOrigin.REMOTE,
                Admission.authorities(p.tx())));
      }
    }
    return out;
  }

  // --- block building ----------------------------------------------------------------------

  /** The executable transactions in block-building order at {@code baseFee}. */
  public BestTransactions bestTransactions(UInt256 baseFee) {
    return bestTransactions(baseFee, UInt256.ZERO);
  }

  /** As {@link #bestTransactions(UInt256)}, leaving out tips below {@code minTip}. */
  public BestTransactions bestTransactions(UInt256 baseFee, UInt256 minTip) {
    List<List<PooledTransaction>> runs;
    lock.lock();
    try {
      runs = queues.pendingRuns();
    } finally {
      lock.unlock();
    }
    return new BestTransactions(runs, baseFee, minTip);
  }

  // --- introspection -----------------------------------------------------------------------

  public Optional<PooledTransaction> get(Hash hash) {
    PoolEntry e = queues.all.get(hash);
    return e == null ? Optional.empty() : Optional.of(e.view);
  }

  public boolean contains(Hash hash) {
    return queues.all.containsKey(hash);
  }

  /** Whether the transaction is pending or queued; empty when not pooled. */
  public Optional<TxStatus> statusOf(Hash hash) {
    lock.lock();
    try {
      PoolEntry e = queues.all.get(hash);
      if (e == null) {
        return Optional.empty();
      }
      return Optional.of(queues.isPending(e) ? TxStatus.PENDING : TxStatus.QUEUED);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The nonce the sender's next transaction should carry: its state nonce plus its pending
   * transactions ({@code eth_getTransactionCount} at "pending").
   */
  public long pendingNonce(Address sender) {
    Head h = head;
    lock.lock();
    try {
      Optional<SenderTxs> s = queues.sender(sender);
      if (s.isPresent() && !s.get().pending.isEmpty()) {
        return s.get().pending.lastKey() + 1;
      }
    } finally {
      lock.unlock();
    }
    return h.state().account(sender).nonce();
  }

  public PoolStatus status() {
    lock.lock();
    try {
      return new PoolStatus(queues.pendingCount(), queues.queuedCount());
    } finally {
      lock.unlock();
    }
  }

  /** Slots in use (one per started 32 KiB of each transaction). */
  public int slots() {
    lock.lock();
    try {
      return queues.slots();
    } finally {
      lock.unlock();
    }
  }

  public PoolContent content() {
    lock.lock();
    try {
      return queues.content(Optional.empty());
    } finally {
      lock.unlock();
    }
  }

  /** {@link #content()} of one sender ({@code txpool_contentFrom}). */
  public PoolContent contentFrom(Address sender) {
    lock.lock();
    try {
      return queues.content(Optional.of(sender));
    } finally {
      lock.unlock();
    }
  }

  // --- events ------------------------------------------------------------------------------

  /**
   * Streams every transaction that becomes executable (admitted as pending, replaced in pending, or
   * promoted from the queue) to {@code listener}, on its own thread, through a queue of {@code
   * capacity} events; when the listener falls that far behind, events are dropped and counted.
   */
  public PoolSubscription subscribeNewPending(
      Consumer<NewPendingTransaction> listener, int capacity) {
    return events.subscribe(listener, capacity);
  }

  // --- maintenance and journal -------------------------------------------------------------

  /**
   * Periodic duties, to be called about once a minute: drops queues without progress for the
   * configured lifetime, and rewrites the journal when it is due (every {@code rejournal}, or
   * sooner when appends have far outgrown the live local set).
   *
   * @return the number of expired transactions
   */
  public int maintain() {
    long now = clock.millis();
    int expired;
    List<byte[]> locals = null;
    lock.lock();
    try {
      expired = queues.expire(now, config.lifetime().toMillis());
      if (!config.noLocals() && journal.rotationDue(now, queues.localCount())) {
        locals = queues.localEnvelopes();
        journal.rotationStarted(now);
      }
    } finally {
      lock.unlock();
    }
    if (locals != null) {
      journal.rotate(locals);
    }
    return expired;
  }

  /**
   * Re-admits the journaled local transactions against the current head (after a restart: call once
   * the first head is known) and rewrites the journal with those that were admitted.
   */
  public Restored restoreJournal() {
    if (config.noLocals()) {
      return new Restored(0, 0);
    }
    List<byte[]> loaded = journal.load();
    int admitted = 0;
    for (byte[] envelope : loaded) {
      try {
        Transaction tx = TransactionCodec.decode(envelope);
        if (admit(tx, envelope, Hash.keccak(envelope), TxOrigin.LOCAL, false).isAccepted()) {
          admitted++;
        }
      } catch (DecodingException e) {
        LOG.debug("Skipping an undecodable journal entry: {}", e.getMessage());
      }
    }
    List<byte[]> locals;
    lock.lock();
    try {
      locals = queues.localEnvelopes();
      journal.rotationStarted(clock.millis());
    } finally {
      lock.unlock();
    }
    journal.rotate(locals);
    return new Restored(loaded.size(), admitted);
  }

  @Override
  public void close() {
    events.close();
    journal.close();
  }
}
