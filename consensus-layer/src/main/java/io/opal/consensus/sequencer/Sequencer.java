package io.opal.consensus.sequencer;

import io.opal.consensus.l1.L1BlockRef;
import io.opal.consensus.l1.L1Client;
import io.opal.consensus.l1.L1SystemConfig;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.L2BlockRefs;
import io.opal.consensus.rollup.SequencerControl;
import io.opal.consensus.rollup.SequencerControlException;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.consensus.sequencer.BlockPlanner.Plan;
import io.opal.execution.engine.BuildJob;
import io.opal.execution.engine.EngineException;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.engine.SealedBlock;
import io.opal.execution.store.ChainHeads;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.config.RollupConfig;
import io.opal.storage.BlockKey;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The L2 sequencer (derivation.md "Sequencing"; op-node's sequencer): on the unsafe head it picks
 * the next block's L1 origin, builds its payload attributes, starts an engine build job that fills
 * from the pool, seals it when the wall clock reaches the block's time (less the seal margin; at
 * once when behind) and makes it the unsafe head; then starts the next job straight away.
 *
 * <p><b>No L1 reads between seal and build.</b> The next block's L1 reads (head, origin candidates,
 * the new origin's receipts) and its attributes are prepared on another thread {@link
 * #PREPARE_LEAD_MILLIS} before the seal — all of them are final once the current block's build
 * starts, but its parent's hash — so the next job starts the moment the head moves. After the start
 * the L1 head is read once more: if L1 reorged the planned origin out (or, past the max sequencer
 * drift, the origin the block had to adopt has appeared), the job is dropped and built again on the
 * fresh view before it can be sealed ({@link BlockPlanner#verify}). An L1 block that appears within
 * the lead is adopted one L2 block later, as the origin rules allow. Listeners hear of a sealed
 * block after the next job has started.
 *
 * <p><b>Threading.</b> Everything that touches the engine runs on one driver thread: {@link
 * #start(ScheduledExecutorService)} schedules {@link #step()} on a single-threaded scheduler, which
 * becomes the engine's writer. Tests may instead call {@link #step()} directly with a fake clock.
 * {@link SequencerControl} calls from other threads (the admin RPC) are handed to the driver and
 * waited for; {@link #syncStatus()} reads from any thread.
 *
 * <p><b>Errors</b> ({@link SequencerException.Kind}): temporary ones (L1 unreachable, next origin
 * not there yet) back off and retry — the next block keeps its slot, so no block is lost, and the
 * driver catches up by sealing at once; a reset (the unsafe head's L1 origin reorged out) rewinds
 * the unsafe head to the newest block whose origin is still canonical; a critical one (the engine
 * refuses the attributes, a deposit log does not decode) stops sequencing and is logged, leaving
 * the node up for an operator's {@code admin_startSequencer}. A block is only ever sealed from
 * attributes the engine accepted.
 *
 * <p>The active/stopped state is stored under {@code sequencer-state} in the chain database's
 * metadata column, so that an operator's stop survives a restart.
 */
public final class Sequencer implements SequencerControl, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Sequencer.class.getName());

  /** How long a stopped sequencer waits before looking again (start() also wakes it). */
  static final long IDLE_MILLIS = 500;

  /**
   * How long before a block's seal the next block's L1 reads start (at most a quarter slot): enough
   * for a few L1 round trips, short enough that the view they give is rarely behind.
   */
  static final long PREPARE_LEAD_MILLIS = 100;

  private static final Duration L1_TIMEOUT = Duration.ofSeconds(20);

  private final ExecutionEngine engine;
  private final RollupConfig rollup;
  private final SequencerConfig config;
  private final InstantSource clock;
  private final BlockPlanner planner;
  private final Lookahead lookahead;
  private final long prepareLeadMillis;
  private final SequencerState state;
  private final List<SequencerListener> listeners = new CopyOnWriteArrayList<>();

  // Driver-thread state.
  private BuildJob job;
  // When the last block was sealed and its head moved (0: the next build follows no seal), and the
  // time from there to the start of the block being built: the seal-to-next-build gap.
  private long parentSealedAtNanos;
  private long jobParentSealedAtNanos; // the open job's, for a rebuild
  private long buildGapNanos = -1;
  private long startBuildNanos;
  private Plan building; // what the open job was started from, with its parent's hash
  private Hash configBlock;
  private L1SystemConfig configAtBlock;
  private long backoffMillis;

  private volatile boolean active;
  private volatile boolean closed;
  private volatile Optional<SequencerException> lastFailure = Optional.empty();
  private volatile L1BlockRef currentL1;
  private final DriverLoop loop = new DriverLoop(this::step, IDLE_MILLIS);

  /**
   * @param engine the engine to build on; the sequencer becomes its writer
   * @param l1 the L1 node to follow
   * @param clock wall clock (slot deadlines are compared with its millis)
   */
  public Sequencer(
      ExecutionEngine engine, L1Client l1, SequencerConfig config, InstantSource clock) {
    this(engine, l1, config, clock, Sequencer::onVirtualThread);
  }

  /**
   * @param reader runs the L1 reads made ahead of a seal and after a start (tests pass a direct
   *     executor, making a step deterministic)
   */
  Sequencer(
      ExecutionEngine engine,
      L1Client l1,
      SequencerConfig config,
      InstantSource clock,
      Executor reader) {
    this.engine = Objects.requireNonNull(engine);
    this.rollup = engine.config();
    this.config = Objects.requireNonNull(config);
    this.clock = Objects.requireNonNull(clock);
    this.planner = new BlockPlanner(rollup, l1, config, L1_TIMEOUT);
    this.lookahead = new Lookahead(planner, Objects.requireNonNull(reader), L1_TIMEOUT);
    this.prepareLeadMillis = Math.min(PREPARE_LEAD_MILLIS, rollup.blockTime() * 1000 / 4);
    this.state = new SequencerState(engine.database().store());
    this.active = state.stored().orElse(config.startActive());
  }

  private static void onVirtualThread(Runnable task) {
    Thread.ofVirtual().name("opal-sequencer-l1").start(task);
  }

  public SequencerConfig config() {
    return config;
  }

  public void addListener(SequencerListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(SequencerListener listener) {
    listeners.remove(listener);
  }

  /** The critical error that stopped sequencing, until the next start. */
  public Optional<SequencerException> lastFailure() {
    return lastFailure;
  }

  // ------------------------------------------------------------------------------ driving

  /**
   * Runs the sequencer on {@code driver} (single-threaded: its thread becomes the engine's writer)
   * until {@link #close()}.
   */
  public void start(ScheduledExecutorService driver) {
    loop.start(driver);
  }

  /**
   * One unit of work (Agrona's {@code doWork}): starts the next build job if none is open; seals
   * the open one if its deadline has come, then starts the next. Call only from the driver thread
   * (or, in tests, from one thread with no driver).
   *
   * @return milliseconds until the next step is due
   */
  public long step() {
    if (!active || closed) {
      return IDLE_MILLIS;
    }
    try {
      if (job == null) {
        startBuilding();
      }
      rebuildIfStale();
      long wait = millisUntilSeal();
      if (!lookahead.preparing() && wait <= prepareLeadMillis) {
        lookahead.prepare(building);
      }
      if (wait > 0) {
        return lookahead.preparing() ? wait : wait - prepareLeadMillis;
      }
      sealAndBuildNext(); // the next block fills for a whole slot
      backoffMillis = 0;
      return Math.max(0, millisUntilSeal() - prepareLeadMillis);
    } catch (SequencerException e) {
      return handle(e);
    } catch (EngineException e) {
      return handle(classify(e));
    } catch (DecodingException e) {
      return handle(SequencerException.critical("a stored L2 block is malformed", e));
    } catch (RuntimeException e) {
      return handle(SequencerException.critical("unexpected failure: " + e, e));
    }
  }

  private long millisUntilSeal() {
    long deadline = building.attributes().attributes().timestamp() * 1000;
    return deadline - config.sealMargin().toMillis() - clock.millis();
  }

  /** Reads L1 now and starts the job on the unsafe head (nothing was prepared). */
  private void startBuilding() {
    Block head = engine.block(engine.heads().unsafe().hash()).orElseThrow();
    L2BlockRef parent = L2BlockRefs.of(head, rollup);
    start(parent, planner.plan(parent, systemConfigOf(head)));
  }

  private void start(L2BlockRef parent, Plan plan) {
    long t0 = System.nanoTime();
    job = engine.startBuild(parent.hash(), plan.attributes().attributes());
    long started = System.nanoTime();
    startBuildNanos = started - t0;
    buildGapNanos = parentSealedAtNanos == 0 ? -1 : started - parentSealedAtNanos;
    jobParentSealedAtNanos = parentSealedAtNanos;
    parentSealedAtNanos = 0;
    building = new Plan(parent, plan.l1Head(), plan.origin(), plan.attributes());
    if (plan.origin().hash().equals(parent.l1Origin().hash())) {
      currentL1 = plan.origin().ref();
    }
  }

  private L1SystemConfig systemConfigOf(Block block) {
    if (!block.hash().equals(configBlock)) {
      configAtBlock = L2Blocks.systemConfig(block, rollup);
      configBlock = block.hash();
    }
    return configAtBlock;
  }

  /**
   * Seals the open job and makes it the head, starts the next job from the prepared plan (or from
   * L1 read now if there is none), then tells the listeners.
   */
  private void sealAndBuildNext() {
    BuildJob j = job;
    Plan built = building;
    job = null;
    lookahead.forgetCheck(); // still unanswered at the deadline: L1 is slow, keep the block
    SealedBlock sealed = j.seal();
    Hash hash = sealed.key().hash();
    ChainHeads heads = engine.heads();
    engine.forkchoice(hash, heads.safe().hash(), heads.finalized().hash());
    parentSealedAtNanos = System.nanoTime();
    Block block = sealed.block();
    configBlock = hash;
    configAtBlock = built.attributes().systemConfig();
    currentL1 = built.origin().ref();
    L2BlockRef ref =
        new L2BlockRef(
            hash,
            block.header().number(),
            block.header().parentHash(),
            block.header().timestamp(),
            built.attributes().l1Origin(),
            built.attributes().sequenceNumber());
    SequencedBlock done =
        new SequencedBlock(
            ref, sealed, built.attributes().userDeposits(), buildGapNanos, startBuildNanos);
    try {
      Optional<Plan> plan = lookahead.takePrepared(ref);
      if (plan.isPresent()) {
        start(ref, plan.get());
        lookahead.verify(building, loop::wake);
        rebuildIfStale();
      } else {
        startBuilding();
      }
    } finally {
      LOG.log(Level.INFO, "sequenced {0}", done);
      for (SequencerListener l : listeners) {
        try {
          l.onSealed(done);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "a sequencer listener failed", e);
        }
      }
    }
  }

  /**
   * Acts on the answer of the L1 read made after a start from a prepared plan, if it has come: a
   * stale plan's job is dropped and built again from L1 read now.
   */
  private void rebuildIfStale() {
    if (!lookahead.takeStale()) {
      return;
    }
    LOG.log(
        Level.WARNING,
        "L1 changed under the origin "
            + building.origin().ref()
            + " read ahead for L2 block #"
            + Long.toUnsignedString(building.parent().number() + 1)
            + ": building it again");
    long sealedAt = jobParentSealedAtNanos;
    cancelJob();
    parentSealedAtNanos = sealedAt;
    startBuilding();
  }

  private void cancelJob() {
    lookahead.clear();
    if (job != null) {
      job.cancel();
      job = null;
    }
  }

  private static SequencerException classify(EngineException e) {
    return switch (e.kind()) {
      // The head moved under the job or a block vanished: build again on the current head.
      case BUILD_ABORTED, UNKNOWN_BLOCK ->
          SequencerException.temporary("the engine dropped the build: " + e.getMessage(), e);
      default -> SequencerException.critical("the engine refused: " + e.getMessage(), e);
    };
  }

  private long handle(SequencerException e) {
    cancelJob();
    parentSealedAtNanos = 0; // a retried build does not follow the seal directly
    switch (e.kind()) {
      case TEMPORARY -> {
        backoffMillis =
            backoffMillis == 0
                ? config.minBackoff().toMillis()
                : Math.min(config.maxBackoff().toMillis(), backoffMillis * 2);
        LOG.log(
            Level.WARNING,
            "sequencer: " + e.getMessage() + "; retrying in " + backoffMillis + " ms");
        return backoffMillis;
      }
      case RESET -> {
        LOG.log(Level.WARNING, "sequencer reset: " + e.getMessage());
        try {
          reset();
          return 0;
        } catch (SequencerException again) {
          return again.kind() == SequencerException.Kind.RESET
              ? handle(SequencerException.critical(again.getMessage(), again))
              : handle(again);
        } catch (EngineException again) {
          return handle(SequencerException.critical("rewind failed: " + again.getMessage(), again));
        }
      }
      default -> {
        active = false;
        lastFailure = Optional.of(e);
        LOG.log(Level.ERROR, "sequencer stopped: " + e.getMessage(), e);
        for (SequencerListener l : listeners) {
          try {
            l.onHalted(e);
          } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "a sequencer listener failed", ex);
          }
        }
        return IDLE_MILLIS;
      }
    }
  }

  /**
   * Rewinds the unsafe head to the newest block whose L1 origin is still canonical (never below the
   * safe head).
   */
  private void reset() {
    ChainHeads heads = engine.heads();
    Block head = engine.block(heads.unsafe().hash()).orElseThrow();
    L2BlockRef from = L2BlockRefs.of(head, rollup);
    L2BlockRef ref = from;
    Block b = head;
    while (!originCanonical(ref)) {
      if (Long.compareUnsigned(ref.number(), heads.safe().number()) <= 0) {
        throw SequencerException.critical(
            "the L1 origin " + ref.l1Origin() + " of the safe block " + ref.id() + " was reorged",
            null);
      }
      b = engine.block(ref.parentHash()).orElseThrow();
      ref = L2BlockRefs.of(b, rollup);
    }
    if (ref.hash().equals(from.hash())) {
      LOG.log(Level.INFO, "the unsafe head's L1 origin is canonical again: nothing to rewind");
      return;
    }
    engine.forkchoice(ref.hash(), heads.safe().hash(), heads.finalized().hash());
    configBlock = null;
    LOG.log(Level.WARNING, "L1 reorg: rewound the unsafe head from " + from + " to " + ref);
    for (SequencerListener l : listeners) {
      try {
        l.onReset(from, ref);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a sequencer listener failed", e);
      }
    }
  }

  private boolean originCanonical(L2BlockRef ref) {
    return planner
        .reads()
        .byNumber(ref.l1Origin().number())
        .map(h -> h.hash().equals(ref.l1Origin().hash()))
        .orElse(false);
  }

  // ---------------------------------------------------------------------- SequencerControl

  @Override
  public void start(Hash unsafeHead) throws SequencerControlException {
    onDriver(
        () -> {
          if (active) {
            throw new SequencerControlException("sequencer already running");
          }
          Hash head = engine.heads().unsafe().hash();
          if (!head.equals(unsafeHead)) {
            throw new SequencerControlException(
                "block hash does not match: head " + head + ", received " + unsafeHead);
          }
          state.store(true);
          active = true;
          lastFailure = Optional.empty();
          backoffMillis = 0;
          LOG.log(Level.INFO, "sequencer started on " + head);
          return null;
        });
    loop.wake();
  }

  @Override
  public Hash stop() throws SequencerControlException {
    Hash last =
        onDriver(
            () -> {
              if (!active) {
                throw new SequencerControlException("sequencer not running");
              }
              cancelJob();
              state.store(false);
              active = false;
              Hash head = engine.heads().unsafe().hash();
              LOG.log(Level.INFO, "sequencer stopped at " + head);
              return head;
            });
    loop.wake();
    return last;
  }

  @Override
  public boolean active() {
    return active;
  }

  @Override
  public SyncStatus syncStatus() {
    ChainHeads heads = engine.heads();
    L2BlockRef unsafe = refOf(heads.unsafe());
    L1BlockRef current = currentL1;
    if (current == null || !current.hash().equals(unsafe.l1Origin().hash())) {
      current = new L1BlockRef(unsafe.l1Origin().hash(), unsafe.l1Origin().number(), Hash.ZERO, 0);
    }
    return new SyncStatus(
        current,
        planner.head(),
        planner.safe(),
        planner.finalized(),
        unsafe,
        refOf(heads.safe()),
        refOf(heads.finalized()));
  }

  private L2BlockRef refOf(BlockKey key) {
    return L2BlockRefs.of(engine.block(key.hash()).orElseThrow(), rollup);
  }

  /** Runs {@code action} on the driver thread (directly when there is none, or already on it). */
  private <T> T onDriver(Callable<T> action) throws SequencerControlException {
    try {
      return loop.call(action, 30);
    } catch (SequencerControlException e) {
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SequencerControlException s) {
        throw s;
      }
      throw new SequencerControlException("sequencer request failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SequencerControlException("interrupted");
    } catch (Exception e) {
      throw new SequencerControlException("sequencer request failed: " + e);
    }
  }

  /** Stops driving and drops the block being built (the active state stays as stored). */
  @Override
  public void close() {
    closed = true;
    loop.close();
    try {
      onDriver(
          () -> {
            cancelJob();
            return null;
          });
    } catch (SequencerControlException e) {
      LOG.log(Level.WARNING, "closing the sequencer: " + e.getMessage());
    }
  }
}
