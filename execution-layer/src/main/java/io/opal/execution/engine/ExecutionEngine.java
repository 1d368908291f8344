package io.opal.execution.engine;

import io.opal.execution.engine.EngineException.Kind;
import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.ExecutedTransaction;
import io.opal.execution.op.OpBaseFee;
import io.opal.execution.op.OpBlockBuilder;
import io.opal.execution.op.OpBlockExecutor;
import io.opal.execution.op.OpPayloadAttributes;
import io.opal.execution.store.BlockState;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainHeads;
import io.opal.execution.store.ChainStateException;
import io.opal.execution.store.ChainStore;
import io.opal.execution.store.ChainView;
import io.opal.execution.store.StateView;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.BlockKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The in-process execution engine (DESIGN.md "The in-process engine"): what the Engine API does for
 * op-node, as method calls. Builds blocks from payload attributes ({@link #startBuild}, sealed and
 * committed by {@link BuildJob#seal}), validates and stores received blocks ({@link #insert}),
 * moves the heads ({@link #forkchoice}) and answers reads.
 *
 * <p>Threading: one writer thread (the driver) calls the mutating methods and seals jobs; block
 * execution runs on it (and on a build job's filler thread) without locks. Reads may come from any
 * thread; use {@link #view()} where several reads must agree. Listeners run on the writer thread
 * after each head change is committed.
 */
public final class ExecutionEngine {
  private static final System.Logger LOG = System.getLogger(ExecutionEngine.class.getName());

  private final ChainDatabase db;
  private final RollupConfig config;
  private final OpBlockExecutor executor;
  private final EngineOptions options;
  private final TransactionProvider pool;
  private final List<HeadListener> listeners = new CopyOnWriteArrayList<>();
  private BuildJob activeJob; // the open build job: one at a time, like a sequencer's
  private boolean
      activeJobOnHead; // it reads the head's flat state: the head must not move under it

  public ExecutionEngine(ChainDatabase db, RollupConfig config, TransactionProvider pool) {
    this(db, config, pool, EngineOptions.DEFAULT);
  }

  public ExecutionEngine(
      ChainDatabase db, RollupConfig config, TransactionProvider pool, EngineOptions options) {
    this.db = Objects.requireNonNull(db);
    this.config = Objects.requireNonNull(config);
    this.pool = Objects.requireNonNull(pool);
    this.options = Objects.requireNonNull(options);
    this.executor = new OpBlockExecutor(config, new CodeCache(options.codeCacheEntries()));
    db.heads().orElseThrow(() -> new ChainStateException("the database holds no chain: init it"));
  }

  public RollupConfig config() {
    return config;
  }

  EngineOptions options() {
    return options;
  }

  public ChainDatabase database() {
    return db;
  }

  // --------------------------------------------------------------------------- building

  /** {@link #startBuild(Hash, OpPayloadAttributes, TransactionProvider)} from the engine's pool. */
  public BuildJob startBuild(Hash parentHash, OpPayloadAttributes attributes) {
    return startBuild(parentHash, attributes, pool);
  }

  /**
   * Starts building a child of {@code parentHash}: executes the attributes' forced transactions
   * now, then (unless {@code noTxPool}) fills from {@code transactions} on the job's thread until
   * {@link BuildJob#seal()}. One job is open at a time: a job still open from before is cancelled.
   *
   * @throws EngineException {@code UNKNOWN_BLOCK} (parent), {@code MISSING_STATE}, {@code
   *     INVALID_ATTRIBUTES} or {@code INVALID_FORCED_TRANSACTION}
   */
  public BuildJob startBuild(
      Hash parentHash, OpPayloadAttributes attributes, TransactionProvider transactions) {
    if (activeJob != null) {
      activeJob.cancel();
    }
    BlockHeader parent = requireHeader(parentHash);
    BlockState state = blockState(parent);
    OpBlockBuilder builder;
    try {
      builder = executor.start(parent, state, attributes, ancestors(parent));
    } catch (BlockValidationException e) {
      throw new EngineException(Kind.INVALID_ATTRIBUTES, e.getMessage(), e);
    }
    long start = System.nanoTime();
    List<Hash> forced = new ArrayList<>(attributes.transactions().size());
    for (Transaction tx : attributes.transactions()) {
      try {
        ExecutedTransaction t = builder.addForced(tx);
        forced.add(t.hash());
      } catch (BlockValidationException e) {
        throw new EngineException(Kind.INVALID_FORCED_TRANSACTION, e.getMessage(), e);
      }
    }
    long forcedNanos = System.nanoTime() - start;
    UInt256 baseFee =
        UInt256.valueOf(
            new BigInteger(
                Long.toUnsignedString(
                    OpBaseFee.nextBaseFee(config, parent, attributes.timestamp()))));
    BuildJob job =
        new BuildJob(
            this,
            parent,
            builder,
            state,
            transactions,
            baseFee,
            !attributes.noTxPool(),
            forcedNanos,
            forced);
    activeJob = job;
    activeJobOnHead = state.isOnFlatHead();
    return job;
  }

  /** A committed build: its key, and when its batch was complete, about to be written. */
  record Committed(BlockKey key, long batchReadyNanos) {}

  /**
   * Commits a sealed job's block (from {@link BuildJob#seal}); tells listeners if it is the head.
   */
  Committed commitBuilt(BuildJob job, ExecutedBlock block, BlockState state) {
    jobEnded(job);
    BlockKey key;
    long[] batchReady = new long[1];
    List<Receipt> receipts = block.receipts();
    try {
      key =
          db.commitBlock(
              block.block(),
              receipts,
              block.encoded(),
              state,
              batch -> batchReady[0] = System.nanoTime());
    } catch (ChainStateException e) {
      throw new EngineException(Kind.BUILD_ABORTED, e.getMessage(), e);
    }
    if (state.isOnFlatHead()) {
      notifyGrown(block.block(), receipts);
    }
    return new Committed(key, batchReady[0]);
  }

  /**
   * Commits a sealed job's block from the commit it prepared while idle ({@link
   * ChainDatabase#prepareCommit}); empty (nothing written) if the heads changed since, and then the
   * job commits the block with {@link #commitBuilt}.
   */
  Optional<Committed> commitPrepared(
      BuildJob job, ExecutedBlock block, BlockState state, ChainDatabase.PreparedCommit prepared) {
    long[] batchReady = new long[1];
    Optional<BlockKey> key;
    try {
      key = db.commit(prepared, batch -> batchReady[0] = System.nanoTime());
    } catch (ChainStateException e) {
      jobEnded(job);
      throw new EngineException(Kind.BUILD_ABORTED, e.getMessage(), e);
    }
    if (key.isEmpty()) {
      return Optional.empty();
    }
    jobEnded(job);
    if (state.isOnFlatHead()) {
      notifyGrown(block.block(), block.receipts());
    }
    return Optional.of(new Committed(key.get(), batchReady[0]));
  }

  void jobEnded(BuildJob job) {
    if (activeJob == job) {
      activeJob = null;
    }
  }

  /** Before the head moves: a job reading the head's flat state can no longer be sealed. */
  private void abandonActiveJob() {
    if (activeJob != null && activeJobOnHead) {
      activeJob.abandon();
      activeJob = null;
    }
  }

  // ---------------------------------------------------------------------------- insert

  /**
   * Validates and executes a received block (gossip, derivation, sync) on its parent's state and
   * stores it if valid: as the new unsafe head when it extends the head, beside the chain otherwise
   * (a later {@link #forkchoice} makes it canonical without executing it again). An invalid block
   * leaves the database untouched.
   *
   * @throws EngineException {@code MISSING_STATE} if the parent is stored but not its state
   */
  public InsertResult insert(Block block) {
    Hash hash = block.hash();
    Optional<BlockKey> known = db.chain().blockKey(hash);
    if (known.isPresent()) {
      return new InsertResult.Valid(known.get(), false, true);
    }
    Optional<BlockHeader> parent = db.chain().header(block.header().parentHash());
    if (parent.isEmpty()) {
      return new InsertResult.MissingParent(hash, block.header().parentHash());
    }
    BlockState state = blockState(parent.get());
    ExecutedBlock executed;
    try {
      OpBlockExecutor.RecoveredSenders senders =
          options.parallelRecovery()
              ? ParallelSenders.start(block.body().transactions(), ForkJoinPool.commonPool())
              : index -> Optional.empty();
      executed = executor.execute(parent.get(), state, block, ancestors(parent.get()), senders);
    } catch (BlockValidationException e) {
      return InsertResult.Invalid.of(hash, e);
    }
    List<Receipt> receipts = executed.receipts();
    if (state.isOnFlatHead()) {
      abandonActiveJob();
    }
    BlockKey key = db.commitBlock(block, receipts, executed.encoded(), state, batch -> {});
    if (state.isOnFlatHead()) {
      notifyGrown(block, receipts);
    }
    return new InsertResult.Valid(key, state.isOnFlatHead(), false);
  }

  // ------------------------------------------------------------------------ forkchoice

  /**
   * Moves the heads: the unsafe head to {@code unsafe} (rewinding and replaying stored state diffs
   * when it is on another branch: a reorg, bounded by the kept history), then safe and finalized.
   *
   * @return the new heads
   * @throws EngineException {@code UNKNOWN_BLOCK}, {@code INVALID_FORKCHOICE} (not finalized ≤ safe
   *     ≤ unsafe on one chain), {@code REORG_TOO_DEEP} or {@code FINALIZED_REORG}; the heads are
   *     then unchanged
   */
  public ChainHeads forkchoice(Hash unsafe, Hash safe, Hash finalized) {
    BlockKey u = requireKey(unsafe, "unsafe");
    BlockKey s = requireKey(safe, "safe");
    BlockKey f = requireKey(finalized, "finalized");
    if (f.number() > s.number() || s.number() > u.number()) {
      throw new EngineException(
          Kind.INVALID_FORKCHOICE,
          "heads out of order: finalized #"
              + f.number()
              + ", safe #"
              + s.number()
              + ", unsafe #"
              + u.number());
    }
    if (!isAncestor(s, u) || !isAncestor(f, s)) {
      throw new EngineException(
          Kind.INVALID_FORKCHOICE,
          "safe " + s + " and finalized " + f + " must be ancestors of unsafe " + u);
    }
    ChainHeads before = heads();
    if (!u.equals(before.unsafe())) {
      moveUnsafe(before, u);
    }
    ChainHeads now = heads();
    if (!now.safe().equals(s) || !now.finalized().equals(f)) {
      db.setSafeAndFinalized(s, f);
    }
    return heads();
  }

  private void moveUnsafe(ChainHeads before, BlockKey target) {
    ReorgPath path = ReorgPath.between(db, before.unsafe(), target, db.state().historyDepth());
    if (path.ancestor().number() < before.finalized().number()) {
      throw new EngineException(
          Kind.FINALIZED_REORG,
          "moving the head to "
              + target
              + " would abandon the finalized block "
              + before.finalized());
    }
    abandonActiveJob();
    try {
      db.setHead(target);
    } catch (ChainStateException e) {
      throw new EngineException(Kind.REORG_TOO_DEEP, e.getMessage(), e);
    }
    List<HeadChange.CanonicalBlock> added = new ArrayList<>();
    for (BlockKey k : path.added()) {
      added.add(
          new HeadChange.CanonicalBlock(
              db.chain().block(k).orElseThrow(), db.chain().receipts(k).orElseThrow()));
    }
    notifyListeners(new HeadChange(heads(), added, path.removed()));
  }

  /** Whether {@code a} is {@code tip} or one of its ancestors. */
  private boolean isAncestor(BlockKey a, BlockKey tip) {
    ChainStore chain = db.chain();
    BlockKey cur = tip;
    while (cur.number() > a.number()) {
      if (chain.canonicalHash(cur.number()).map(cur.hash()::equals).orElse(false)) {
        return chain.canonicalHash(a.number()).map(a.hash()::equals).orElse(false);
      }
      BlockHeader h = chain.header(cur).orElseThrow(() -> missing("a stored block's header"));
      cur = new BlockKey(h.number() - 1, h.parentHash());
    }
    return cur.equals(a);
  }

  // ---------------------------------------------------------------------------- reads

  /** The current heads. */
  public ChainHeads heads() {
    return db.heads().orElseThrow();
  }

  /** A consistent read view (heads, blocks, head state at one moment); close it. */
  public ChainView view() {
    return db.view();
  }

  public Optional<BlockHeader> header(Hash blockHash) {
    return db.chain().header(blockHash);
  }

  /** The canonical header at {@code number}. */
  public Optional<BlockHeader> header(long number) {
    return db.chain().canonicalHeader(number);
  }

  public Optional<BlockHeader> header(BlockTag tag) {
    return db.chain().header(key(tag));
  }

  public Optional<Block> block(Hash blockHash) {
    return db.chain().block(blockHash);
  }

  public Optional<Block> block(long number) {
    return db.chain().canonicalBlock(number);
  }

  public Optional<Block> block(BlockTag tag) {
    return db.chain().block(key(tag));
  }

  public Optional<List<Receipt>> receipts(Hash blockHash) {
    return db.chain().receipts(blockHash);
  }

  public Optional<List<Receipt>> receipts(long number) {
    return db.chain().canonicalKey(number).flatMap(db.chain()::receipts);
  }

  /** The state after block {@code blockHash} (a view for one thread and one request). */
  public Optional<StateView> stateAt(Hash blockHash) {
    return db.stateAt(blockHash);
  }

  public Optional<StateView> stateAt(BlockTag tag) {
    return db.stateAt(key(tag).hash());
  }

  /** The v0 output root of block {@code blockHash} (see {@link OutputRoot}). */
  public Optional<Hash> outputRoot(Hash blockHash) {
    return header(blockHash).flatMap(h -> stateAt(blockHash).map(state -> OutputRoot.of(h, state)));
  }

  private BlockKey key(BlockTag tag) {
    ChainHeads h = heads();
    return switch (tag) {
      case EARLIEST -> db.chain().canonicalKey(0).orElseThrow(() -> missing("block 0"));
      case UNSAFE -> h.unsafe();
      case SAFE -> h.safe();
      case FINALIZED -> h.finalized();
    };
  }

  // ------------------------------------------------------------------------ listeners

  public void addListener(HeadListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(HeadListener listener) {
    listeners.remove(listener);
  }

  private void notifyGrown(Block block, List<Receipt> receipts) {
    notifyListeners(
        new HeadChange(
            heads(), List.of(new HeadChange.CanonicalBlock(block, receipts)), List.of()));
  }

  private void notifyListeners(HeadChange change) {
    for (HeadListener l : listeners) {
      try {
        l.onHeadChange(change);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a head listener failed", e);
      }
    }
  }

  // --------------------------------------------------------------------------- helpers

  private BlockState blockState(BlockHeader parent) {
    try {
      return db.newBlockState(parent);
    } catch (ChainStateException e) {
      throw new EngineException(Kind.MISSING_STATE, e.getMessage(), e);
    }
  }

  private BlockHeader requireHeader(Hash hash) {
    return db.chain()
        .header(hash)
        .orElseThrow(() -> new EngineException(Kind.UNKNOWN_BLOCK, "unknown block " + hash));
  }

  private BlockKey requireKey(Hash hash, String role) {
    return db.chain()
        .blockKey(hash)
        .orElseThrow(
            () -> new EngineException(Kind.UNKNOWN_BLOCK, "unknown " + role + " block " + hash));
  }

  /**
   * BLOCKHASH for a child of {@code parent}: the canonical index when the parent is canonical,
   * otherwise the parent's own ancestry (walked lazily, at most 256 blocks).
   */
  private BlockHashLookup ancestors(BlockHeader parent) {
    ChainStore chain = db.chain();
    boolean canonical =
        chain.canonicalHash(parent.number()).map(parent.hash()::equals).orElse(false);
    if (canonical) {
      return n -> n <= parent.number() ? chain.canonicalHash(n).orElse(Hash.ZERO) : Hash.ZERO;
    }
    return new BranchHashes(chain, parent);
  }

  private static ChainStateException missing(String what) {
    return new ChainStateException("corrupt database: " + what + " is missing");
  }
}
