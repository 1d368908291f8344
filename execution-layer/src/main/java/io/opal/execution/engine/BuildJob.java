package io.opal.execution.engine;

import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.OpBlockBuilder;
import io.opal.execution.op.TransactionSource;
import io.opal.execution.op.TxInclusion;
import io.opal.execution.store.BlockState;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * One block being built by {@link ExecutionEngine#startBuild}. Its forced transactions ran when it
 * was started; unless the attributes said {@code noTxPool}, a filler (on a pooled thread of its
 * own) then takes pool transactions best-first until the block is full or {@link #seal()} is
 * called, and while the pool is dry it asks again every poll interval. Between transactions the
 * filler brings the state root up to date (after every {@code rootInterval} inclusions, and
 * whenever it runs out of work), so that sealing only hashes what changed since; whenever it runs
 * out of work it also writes the new trie nodes ahead, and brings the flat-state and lookup tables
 * up to the parent ({@link io.opal.execution.store.ChainDatabase#applyHeadLayers}), so that
 * sealing's atomic batch is small.
 *
 * <p>{@link #seal()} and {@link #cancel()} belong to the engine's writer thread; the partial-result
 * getters may be called from any thread.
 */
public final class BuildJob {
  /** The cheapest transaction costs 21000 gas: below that nothing more fits. */
  private static final long MIN_TX_GAS = 21_000;

  private enum Status {
    BUILDING,
    SEALED,
    CANCELLED
  }

  private final ExecutionEngine engine;
  private final BlockHeader parent;
  private final OpBlockBuilder builder;
  private final BlockState state;
  private final TransactionProvider provider;
  private final UInt256 baseFee;
  private final int rootInterval;
  private final long pollNanos;
  private final Object wakeup = new Object();
  private final java.util.concurrent.CountDownLatch firstPass =
      new java.util.concurrent.CountDownLatch(1);
  private final List<Hash> included = new ArrayList<>(); // guarded by itself
  private final List<SkippedTransaction> skipped = new ArrayList<>(); // guarded by itself
  private final boolean filling;
  private final java.util.concurrent.CountDownLatch fillerDone =
      new java.util.concurrent.CountDownLatch(1);
  private volatile boolean stopping;
  private boolean parked; // guarded by wakeup: the filler waits for the pool with nothing in hand
  // The block as it stood at the filler's last idle moment, sealed and with its commit batch
  // filled: seal() writes it if no transaction came since. Owned by the filler until seal stops it.
  private Prepared prepared;

  private record Prepared(
      ExecutedBlock block, ChainDatabase.PreparedCommit commit, int transactions) {}

  private volatile long gasUsed;
  private volatile long executionNanos;
  private volatile long lastTxEndNanos;
  private volatile Throwable failure;
  private Status status = Status.BUILDING;

  BuildJob(
      ExecutionEngine engine,
      BlockHeader parent,
      OpBlockBuilder builder,
      BlockState state,
      TransactionProvider provider,
      UInt256 baseFee,
      boolean fill,
      long forcedNanos,
      List<Hash> forcedHashes) {
    this.engine = engine;
    this.parent = parent;
    this.builder = builder;
    this.state = state;
    this.provider = provider;
    this.baseFee = baseFee;
    this.rootInterval = engine.options().rootInterval();
    this.pollNanos = engine.options().pollMillis() * 1_000_000L;
    this.executionNanos = forcedNanos;
    this.gasUsed = builder.gasUsed();
    this.lastTxEndNanos = System.nanoTime(); // before any seal: no transaction to wait for yet
    this.included.addAll(forcedHashes);
    this.filling = fill;
    if (fill) {
      FILLERS.execute(this::fill);
    } else {
      fillerDone.countDown();
    }
  }

  /**
   * The fillers' threads, kept between blocks: starting a platform thread waits until it runs,
   * which took milliseconds of every startBuild on a busy machine of two cores; handing a job to an
   * idle pooled thread does not wait.
   */
  private static final java.util.concurrent.ExecutorService FILLERS =
      java.util.concurrent.Executors.newCachedThreadPool(
          Thread.ofPlatform().daemon().name("opal-build-", 0).factory());

  /** The block this job builds on. */
  public BlockHeader parent() {
    return parent;
  }

  /** Number of transactions in the block so far (forced ones included). */
  public int transactionCount() {
    synchronized (included) {
      return included.size();
    }
  }

  /** Hashes of the transactions in the block so far, in block order (pre-confirmations). */
  public List<Hash> includedTransactions() {
    synchronized (included) {
      return List.copyOf(included);
    }
  }

  /** Gas used so far. */
  public long gasUsed() {
    return gasUsed;
  }

  /** Time spent executing transactions so far. */
  public long executionNanos() {
    return executionNanos;
  }

  /** Pool transactions offered and left out so far, with the reason. */
  public List<SkippedTransaction> skippedTransactions() {
    synchronized (skipped) {
      return List.copyOf(skipped);
    }
  }

  /**
   * Waits until the filler has taken everything its first pool snapshot offered (or the block is
   * full, or filling stopped): for a caller that wants a full block rather than a deadline.
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean awaitFilled(java.time.Duration timeout) throws InterruptedException {
    return !filling
        || firstPass.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Whether the job can still be sealed. */
  public synchronized boolean isBuilding() {
    return status == Status.BUILDING;
  }

  // ------------------------------------------------------------------------------ filler

  private void fill() {
    Thread.interrupted(); // a pooled thread: no interrupt meant for an earlier job applies
    try {
      Set<Hash> seen = new HashSet<>();
      int sinceRoot = 0;
      while (!stopping && Long.compareUnsigned(builder.gasLeft(), MIN_TX_GAS) >= 0) {
        sinceRoot = fillFrom(provider.transactions(baseFee), seen, sinceRoot);
        if ((sinceRoot > 0 || prepared == null) && !stopping) {
          prepareIdle(); // sealing then has only what arrives later to hash and write
          sinceRoot = 0;
        }
        if (!stopping) {
          // The flat state and lookup tables trail the head by the blocks sealed since the last
          // idle moment (the parent, usually): written now, so that no seal pays for them.
          engine.database().applyHeadLayers();
        }
        firstPass.countDown();
        synchronized (wakeup) {
          if (!stopping && Long.compareUnsigned(builder.gasLeft(), MIN_TX_GAS) >= 0) {
            parked = true; // nothing half-done: stopFiller may go on without waiting for us
            wakeup.wait(pollNanos / 1_000_000L, (int) (pollNanos % 1_000_000L));
            if (stopping) {
              return; // seal owns the block now: touch nothing
            }
            parked = false;
          }
        }
      }
      if (sinceRoot > 0) {
        if (stopping) {
          builder.prepareSeal(); // seal is waiting: one batch, no staging write
        } else {
          prepareIdle(); // the block is full: nothing more will run before seal
          engine.database().applyHeadLayers();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) { // reported by seal(): the block cannot be finished
      failure = t;
    } finally {
      firstPass.countDown();
      fillerDone.countDown();
    }
  }

  /**
   * While no transaction runs: hashes what changed (state, transactions and receipts tries), and
   * writes the new trie nodes ahead of the commit ({@link
   * io.opal.execution.store.ChainDatabase#stageState}), so that sealing's batch holds only the
   * block, receipts, diff, canonical index and heads. Nodes staged and then superseded by later
   * transactions stay in the database unreferenced: the price of a short seal.
   */
  private void prepareIdle() {
    builder.prepareSeal();
    engine.database().stageState(state);
    prepareCommit();
  }

  /**
   * Seals the block as it stands and fills its commit batch, so that {@link #seal()} only writes it
   * if nothing is added before then. A failure here is left for seal to meet and report.
   */
  private void prepareCommit() {
    int count = builder.transactions().size();
    if (prepared != null) {
      if (prepared.transactions() == count) {
        return;
      }
      prepared.commit().close();
      prepared = null;
    }
    try {
      ExecutedBlock block = builder.seal();
      ChainDatabase.PreparedCommit commit =
          engine.database().prepareCommit(block.block(), block.receipts(), block.encoded(), state);
      prepared = new Prepared(block, commit, count);
    } catch (BlockValidationException | RuntimeException e) {
      // seal() builds the block again and reports what is wrong with it
    }
  }

  /** Takes transactions from one source until it is dry, the block is full, or seal is called. */
  private int fillFrom(TransactionSource source, Set<Hash> seen, int sinceRoot)
      throws BlockValidationException {
    while (!stopping && Long.compareUnsigned(builder.gasLeft(), MIN_TX_GAS) >= 0) {
      Optional<TransactionSource.Candidate> next = source.next();
      if (next.isEmpty()) {
        return sinceRoot;
      }
      TransactionSource.Candidate c = next.get();
      Hash hash = Hash.keccak(c.envelope());
      if (seen.contains(hash)) {
        continue; // included earlier from a previous snapshot of the pool
      }
      long start = System.nanoTime();
      TxInclusion r = builder.tryAdd(c);
      long end = System.nanoTime();
      executionNanos += end - start;
      lastTxEndNanos = end;
      if (r instanceof TxInclusion.NotIncluded n) {
        synchronized (skipped) {
          skipped.add(new SkippedTransaction(hash, c.sender(), n.cause(), n.detail()));
        }
        if (n.cause() != TxInclusion.Cause.NONCE_TOO_LOW) {
          source.skipSender(c.sender()); // its later nonces cannot run without this one
        }
        continue;
      }
      seen.add(hash);
      synchronized (included) {
        included.add(hash);
      }
      gasUsed = builder.gasUsed();
      if (++sinceRoot >= rootInterval) {
        builder.prepareSeal();
        sinceRoot = 0;
      }
    }
    return sinceRoot;
  }

  /**
   * Stops the filler after its current transaction; returns the nanoseconds spent waiting for
   * transactions that were still executing (the rest of the wait, for hashing or staging the filler
   * had started, is sealing overhead).
   */
  private long stopFiller() {
    long start = System.nanoTime();
    stopping = true;
    if (filling) {
      synchronized (wakeup) {
        wakeup.notifyAll();
        if (parked) {
          // It waits for the pool with its work handed over (its writes happen-before this
          // monitor's release), and on waking it sees stopping and leaves the block alone: no
          // need to wait until its thread is scheduled again and exits.
          return 0;
        }
      }
      boolean interrupted = false;
      while (fillerDone.getCount() > 0) {
        try {
          fillerDone.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return Math.max(0, lastTxEndNanos - start);
  }

  // ------------------------------------------------------------------------------ ending

  /**
   * Stops filling, finishes the block (state root, receipts and transactions roots, header) and
   * commits it with its receipts, state, transaction lookups, canonical index and the unsafe head
   * in one batch (when built on the unsafe head; on another block it is stored beside the chain for
   * a later forkchoice update).
   *
   * @throws EngineException {@code BUILD_ABORTED} if the job was cancelled or already sealed, the
   *     head moved under it, or filling failed
   */
  public synchronized SealedBlock seal() {
    if (status != Status.BUILDING) {
      throw new EngineException(
          EngineException.Kind.BUILD_ABORTED,
          "the build job is already " + status.name().toLowerCase());
    }
    long start = System.nanoTime();
    long stopNanos = stopFiller();
    status = Status.CANCELLED; // unless the commit below succeeds
    try {
      return finish(start, stopNanos);
    } finally {
      dropPrepared();
    }
  }

  private void dropPrepared() {
    if (prepared != null) {
      prepared.commit().close();
      prepared = null;
    }
  }

  private SealedBlock finish(long start, long stopNanos) {
    Throwable t = failure;
    if (t != null) {
      engine.jobEnded(this);
      throw new EngineException(
          EngineException.Kind.BUILD_ABORTED, "filling the block failed: " + t, t);
    }
    Prepared ready = prepared;
    if (ready != null && ready.transactions() == builder.transactions().size()) {
      // Nothing came since the filler last idled: its block and batch are this block's.
      long commitStart = System.nanoTime();
      Optional<ExecutionEngine.Committed> committed =
          engine.commitPrepared(this, ready.block(), state, ready.commit());
      if (committed.isPresent()) {
        long end = System.nanoTime();
        status = Status.SEALED;
        return sealed(ready.block(), committed.get(), start, stopNanos, commitStart, end, true);
      }
    }
    ExecutedBlock block;
    try {
      block = builder.seal();
    } catch (BlockValidationException e) {
      engine.jobEnded(this);
      throw new EngineException(EngineException.Kind.INVALID_ATTRIBUTES, e.getMessage(), e);
    }
    long commitStart = System.nanoTime();
    ExecutionEngine.Committed committed = engine.commitBuilt(this, block, state);
    long end = System.nanoTime();
    status = Status.SEALED;
    return sealed(block, committed, start, stopNanos, commitStart, end, false);
  }

  private SealedBlock sealed(
      ExecutedBlock block,
      ExecutionEngine.Committed committed,
      long start,
      long stopNanos,
      long commitStart,
      long end,
      boolean preparedAhead) {
    return new SealedBlock(
        block,
        committed.key(),
        executionNanos,
        end - start,
        stopNanos,
        end - commitStart,
        end - committed.batchReadyNanos(),
        preparedAhead);
  }

  /** Stops filling and drops the block (nothing is written). Does nothing once sealed. */
  public synchronized void cancel() {
    if (status != Status.BUILDING) {
      return;
    }
    stopFiller();
    dropPrepared();
    status = Status.CANCELLED;
    engine.jobEnded(this);
  }

  /** Called by the engine when the head moves under the job: it can no longer be sealed. */
  void abandon() {
    stopFiller();
    synchronized (this) {
      if (status == Status.BUILDING) {
        dropPrepared(); // a seal in progress drops it itself
      }
      status = Status.CANCELLED;
    }
  }
}
