package io.opal.execution.store;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.EncodedItems;
import io.opal.primitives.block.Receipt;
import io.opal.storage.BlockKey;
import io.opal.storage.Durability;
import io.opal.storage.KeyValueStore;
import io.opal.storage.Schema.MetaKey;
import io.opal.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The node's chain on disk: blocks and receipts ({@link ChainStore}), world state ({@link
 * WorldStateStore}) and the head pointers, kept consistent with each other. Every change is one
 * atomic {@link WriteBatch}: a block commits with its receipts, its state (trie nodes, flat tables,
 * history diff), its canonical index and the head that names it, so a crash leaves the old head or
 * the new one, each with exactly its state.
 *
 * <p>Invariant: the two tables derived from the head blocks, the flat state and the transaction
 * lookups, hold everything up to the block named by {@code MetaKey.INDEXED_HEAD}: the unsafe head
 * or one of its last few ancestors (at most {@link #MAX_HEAD_LAYERS}, and within the kept history).
 * The blocks above it are {@link HeadLayers} in memory, which the head-state and lookup readers
 * consult first. A block's commit does not write those tables: its state change is its diff and its
 * transactions are its body, both in its atomic batch, and the tables are indexes of them. {@link
 * #applyHeadLayers()} brings them up to the head in a batch of its own, with the marker (a build
 * job calls it while it idles, so sealing does not pay for it); opening the database after a crash
 * replays the blocks above the marker. So the seal writes a handful of keys, not one per changed
 * account, slot and transaction (each a memtable insert of 1–3 µs).
 *
 * <p>Trie nodes and code are the one exception to "one batch": they are keyed by their own hash,
 * never deleted, and only reachable through a state root that a committed block names, so a block
 * being built may write them early ({@link #stageState}) and commit the rest later. Staged nodes
 * reach the write-ahead log before the block's batch does, and RocksDB recovers the log as a prefix
 * (point-in-time recovery), so a head that survives a crash finds every node of its state; nodes of
 * a block that was never committed (a cancelled build, a crash before the commit) are unreachable
 * garbage, never a wrong answer.
 *
 * <p>Durability: {@link Durability#PROCESS_CRASH_SAFE} by default: each commit is in the
 * write-ahead log, handed to the operating system, when it returns, so a killed process (kill -9)
 * reopens with it; the last blocks may be lost on power loss or a kernel crash (no fsync per
 * block), and then the node re-derives or re-syncs them. Genesis and the safe and finalized heads
 * are written synced.
 *
 * <p>One writer (the engine's driver thread) calls the mutating methods; reads may come from any
 * thread ({@link #heads()} is a volatile snapshot; use a store snapshot for multi-read
 * consistency).
 */
public final class ChainDatabase {
  /** Blocks whose state diffs are kept: how deep the unsafe chain can be rewound. */
  public static final int DEFAULT_HISTORY_DEPTH = 128;

  /**
   * Head blocks at most above the indexed head: a commit that would leave more first applies them.
   * (Never more than the history depth either: replaying them after a crash needs their diffs.)
   */
  public static final int MAX_HEAD_LAYERS = 8;

  private final KeyValueStore store;
  private final ChainStore chain;
  private final WorldStateStore state;
  private final Durability durability;
  private final int maxHeadLayers;
  // Orders every change of the derived tables, the layers and the heads against view(), so that a
  // snapshot and the layers taken with it describe the same chain.
  private final Object layersLock = new Object();
  private volatile HeadLayers layers = HeadLayers.EMPTY;
  private volatile ChainHeads heads;

  private ChainDatabase(KeyValueStore store, int historyDepth, Durability durability) {
    this.store = store;
    this.chain = new ChainStore(store, () -> layers);
    this.state = new WorldStateStore(store, historyDepth, () -> layers);
    this.durability = durability;
    this.maxHeadLayers = Math.min(MAX_HEAD_LAYERS, historyDepth);
    this.heads = chain.heads().orElse(null);
    if (heads != null) {
      catchUpIndexes(heads.unsafe());
    }
  }

  /**
   * On open: if the derived tables trail the head (the process stopped or crashed between a block's
   * commit and the write of its layer), applies the blocks above them from their kept diffs and
   * bodies.
   */
  private void catchUpIndexes(BlockKey head) {
    Optional<byte[]> raw = chain.metadata(MetaKey.INDEXED_HEAD);
    if (raw.isEmpty()) {
      return; // written before the marker existed, when every commit wrote the tables
    }
    BlockKey flat;
    try {
      flat = BlockKey.parse(raw.get());
    } catch (RuntimeException e) {
      throw new ChainStateException(
          "corrupt database: the indexed-head marker does not parse: " + e.getMessage());
    }
    List<BlockKey> blocks = new ArrayList<>();
    BlockKey at = head;
    while (!at.equals(flat)) {
      if (at.number() <= flat.number() || blocks.size() >= state.historyDepth()) {
        throw new ChainStateException(
            "corrupt database: the indexed head is block "
                + flat
                + ", which is not among the last "
                + state.historyDepth()
                + " ancestors of the head "
                + head);
      }
      blocks.addFirst(at);
      BlockKey child = at;
      BlockHeader header =
          chain
              .header(at)
              .orElseThrow(
                  () ->
                      new ChainStateException("corrupt database: block " + child + " is missing"));
      at = new BlockKey(header.number() - 1, header.parentHash());
    }
    if (blocks.isEmpty()) {
      return;
    }
    HeadLayers replay = HeadLayers.EMPTY;
    for (BlockKey b : blocks) {
      String missing =
          "corrupt database: the %s of block " + b + ", above the indexed head, is missing";
      StateDiff diff =
          state.diff(b).orElseThrow(() -> new ChainStateException(missing.formatted("state diff")));
      BlockBody body =
          chain.body(b).orElseThrow(() -> new ChainStateException(missing.formatted("body")));
      replay = replay.with(new HeadLayers.Layer(b, diff, body));
    }
    layers = replay;
    applyHeadLayers();
  }

  /** Opens the chain in {@code store} (which the caller keeps and closes), reading its heads. */
  public static ChainDatabase open(KeyValueStore store) {
    return open(store, DEFAULT_HISTORY_DEPTH, Durability.PROCESS_CRASH_SAFE);
  }

  public static ChainDatabase open(KeyValueStore store, int historyDepth, Durability durability) {
    return new ChainDatabase(store, historyDepth, Objects.requireNonNull(durability));
  }

  public KeyValueStore store() {
    return store;
  }

  public ChainStore chain() {
    return chain;
  }

  public WorldStateStore state() {
    return state;
  }

  /** The heads, empty until a genesis block is written. */
  public Optional<ChainHeads> heads() {
    return Optional.ofNullable(heads);
  }

  /** The unsafe head's header. */
  public BlockHeader headHeader() {
    ChainHeads h = requireHeads();
    return chain
        .header(h.unsafe())
        .orElseThrow(() -> new ChainStateException("the head block " + h.unsafe() + " is missing"));
  }

  /**
   * The state after block {@code blockHash}, for reads (RPC): the flat tables for the unsafe head
   * (one lookup per read), the block's trie otherwise (any stored block: trie nodes are never
   * deleted). Empty for an unknown block. A trie-backed view is for one thread and one request.
   */
  public Optional<StateView> stateAt(Hash blockHash) {
    ChainHeads h = heads;
    if (h != null && h.unsafe().hash().equals(blockHash)) {
      return Optional.of(state.head());
    }
    return chain.header(blockHash).map(header -> state.at(header.stateRoot()));
  }

  /** A consistent read view of heads, blocks and the head state; close it when done. */
  public ChainView view() {
    synchronized (layersLock) {
      return new ChainView(store.snapshot(), state, layers);
    }
  }

  /** The state after the canonical block at {@code number}; see {@link #stateAt(Hash)}. */
  public Optional<StateView> stateAt(long number) {
    return chain.canonicalHash(number).flatMap(this::stateAt);
  }

  // ---------------------------------------------------------------------------- genesis

  /**
   * Writes block 0 with its state and makes it every head, recording its hash and {@code
   * chainConfig} in the metadata.
   *
   * @throws ChainStateException if the database already holds a chain
   */
  public BlockKey writeGenesis(Block genesis, BlockState genesisState, byte[] chainConfig) {
    if (heads != null || chain.genesisHash().isPresent()) {
      throw new ChainStateException("the database already holds a chain");
    }
    checkRoot(genesis.header(), genesisState);
    BlockKey key = new BlockKey(genesis.number(), genesis.hash());
    ChainHeads fresh = ChainHeads.at(key);
    try (WriteBatch batch = store.newBatch()) {
      state.writeGenesis(batch, genesisState);
      ChainStore.putBlock(batch, key, genesis, List.of());
      ChainStore.putCanonical(batch, key, genesis.body());
      ChainStore.putMetadata(batch, MetaKey.GENESIS_HASH, key.hash().toArray());
      ChainStore.putMetadata(batch, MetaKey.CHAIN_CONFIG, chainConfig);
      ChainStore.putMetadata(batch, MetaKey.INDEXED_HEAD, key.toBytes());
      ChainStore.putHeads(batch, fresh);
      batch.commit(Durability.SYNCED);
    }
    heads = fresh;
    return key;
  }

  // ----------------------------------------------------------------------------- blocks

  /**
   * A state to execute a child of {@code parent} on: on the flat tables when the parent is the
   * unsafe head (fast reads; committing moves the head), else through the parent's trie.
   */
  public BlockState newBlockState(BlockHeader parent) {
    ChainHeads h = requireHeads();
    if (h.unsafe().hash().equals(parent.hash())) {
      return state.onHead(parent.stateRoot());
    }
    if (!state.hasState(parent.stateRoot())) {
      throw new ChainStateException(
          "the state of block #" + parent.number() + " (" + parent.stateRoot() + ") is not stored");
    }
    return state.on(parent.stateRoot());
  }

  /**
   * Writes the trie nodes and code {@code blockState} created so far ahead of its block's commit (a
   * build job calls this while it waits for transactions), so that {@link #commitBlock} only writes
   * what changed since. Safe at any time: see the class comment for why early nodes keep a crash
   * consistent. Returns the number of trie nodes written. The caller must own {@code blockState}
   * (no transaction running on it meanwhile).
   */
  public int stageState(BlockState blockState) {
    return state.stage(blockState, durability);
  }

  /**
   * Writes the flat-state changes and transaction lookups of the head blocks above the indexed head
   * (see the class comment) in one batch with the marker that names the new indexed head; a no-op
   * when there are none. Safe from any thread at any time: a build job calls it while it idles.
   *
   * @return the number of blocks whose changes were written
   */
  public int applyHeadLayers() {
    synchronized (layersLock) {
      HeadLayers pending = layers;
      if (pending.isEmpty()) {
        return 0;
      }
      try (WriteBatch batch = store.newBatch()) {
        pending.write(batch);
        ChainStore.putMetadata(batch, MetaKey.INDEXED_HEAD, pending.newest().toBytes());
        batch.commit(durability);
      }
      layers = HeadLayers.EMPTY;
      return pending.size();
    }
  }

  /** The number of head blocks whose state and lookups are not in their tables yet. */
  public int headLayerCount() {
    return layers.size();
  }

  /**
   * Commits an executed block in one batch. If it extends the unsafe head (its state {@linkplain
   * BlockState#isOnFlatHead is on the head}), it becomes the new unsafe head: canonical index and
   * head pointer move with it, history beyond the depth is pruned, and its flat-state changes and
   * transaction lookups become a {@link HeadLayers layer} (written by {@link #applyHeadLayers}).
   * Otherwise it is stored beside the canonical chain (block, trie nodes, diff) and {@link
   * #setHead} can later make it canonical without re-executing it.
   *
   * @return the block's key
   * @throws ChainStateException if the header's state root is not the state's, or the parent is
   *     unknown
   */
  public BlockKey commitBlock(Block block, List<Receipt> receipts, BlockState blockState) {
    return commitBlock(block, receipts, blockState, batch -> {});
  }

  /**
   * {@link #commitBlock(Block, List, BlockState)} with {@code alsoWrite} adding the caller's own
   * writes (another owner's progress, say) to the same atomic batch. On an exception nothing was
   * written.
   */
  public BlockKey commitBlock(
      Block block, List<Receipt> receipts, BlockState blockState, Consumer<WriteBatch> alsoWrite) {
    return commitBlock(block, receipts, Optional.empty(), blockState, alsoWrite);
  }

  /**
   * {@link #commitBlock(Block, List, BlockState, Consumer)} with the body's transactions and the
   * receipts already encoded by the block's builder ({@code encoded}), so that the commit copies
   * them instead of encoding them.
   */
  public BlockKey commitBlock(
      Block block,
      List<Receipt> receipts,
      Optional<EncodedItems> encoded,
      BlockState blockState,
      Consumer<WriteBatch> alsoWrite) {
    try (PreparedCommit prepared = prepareCommit(block, receipts, encoded, blockState)) {
      return commit(prepared, alsoWrite)
          .orElseThrow(() -> new ChainStateException("the heads moved during the commit"));
    }
  }

  /**
   * A block's commit with its batch filled but not written, from {@link #prepareCommit}: a build
   * job prepares its block's commit while it idles, so that sealing, if no transaction came since,
   * only writes it ({@link #commit(PreparedCommit, Consumer)}). Close it when done (an unwritten
   * batch is dropped).
   */
  public static final class PreparedCommit implements AutoCloseable {
    private final WriteBatch batch;
    private final BlockKey key;
    private final ChainHeads expected;
    private final ChainHeads next;
    private final HeadLayers.Layer layer; // null unless the block extends the head

    private PreparedCommit(
        WriteBatch batch,
        BlockKey key,
        ChainHeads expected,
        ChainHeads next,
        HeadLayers.Layer layer) {
      this.batch = batch;
      this.key = key;
      this.expected = expected;
      this.next = next;
      this.layer = layer;
    }

    public BlockKey key() {
      return key;
    }

    @Override
    public void close() {
      batch.close();
    }
  }

  /**
   * Checks an executed block against the chain and fills its commit batch (block, receipts, diff,
   * and for a new head the canonical entry, heads and history pruning) without writing it; writes
   * the trie nodes and code the block created that are not stored yet.
   *
   * @throws ChainStateException if the header's state root is not the state's, the parent is
   *     unknown, or the head moved while the block was executed on it
   */
  public PreparedCommit prepareCommit(
      Block block, List<Receipt> receipts, Optional<EncodedItems> encoded, BlockState blockState) {
    BlockHeader header = block.header();
    checkRoot(header, blockState);
    ChainHeads h = requireHeads();
    BlockKey parent =
        (h.unsafe().hash().equals(header.parentHash())
                ? Optional.of(h.unsafe())
                : chain.blockKey(header.parentHash()))
            .orElseThrow(
                () ->
                    new ChainStateException(
                        "the parent of block #" + header.number() + " is unknown"));
    BlockKey key = new BlockKey(header.number(), block.hash());
    if (blockState.isOnFlatHead() && !parent.equals(h.unsafe())) {
      // It read the flat tables, which now hold another head's state: its diff could be wrong.
      throw new ChainStateException(
          "the head moved from "
              + parent
              + " to "
              + h.unsafe()
              + " while block #"
              + header.number()
              + " was executed on it: execute it again");
    }
    boolean extendsHead = blockState.isOnFlatHead();
    ChainHeads next = extendsHead ? h.withUnsafe(key) : h;
    // Trie nodes and code first, in a batch of their own (see stageState): writing them marks them
    // stored in the block state, so they must not ride in a batch that may be dropped unwritten.
    state.stage(blockState, durability);
    WriteBatch batch = store.newBatch();
    try {
      ChainStore.putBlock(batch, key, block, receipts, encoded);
      StateDiff diff = state.write(batch, blockState, key);
      HeadLayers.Layer layer = null;
      if (extendsHead) {
        ChainStore.putCanonical(batch, key);
        ChainStore.putHeads(batch, next);
        state.pruneHistory(batch, key.number());
        layer = new HeadLayers.Layer(key, diff, block.body());
      }
      return new PreparedCommit(batch, key, h, next, layer);
    } catch (RuntimeException | Error e) {
      batch.close();
      throw e;
    }
  }

  /**
   * Writes a prepared commit in one atomic batch, with {@code alsoWrite}'s additions, and moves the
   * heads; empty (nothing written) if the heads changed since it was prepared, in which case the
   * caller prepares it again.
   */
  public Optional<BlockKey> commit(PreparedCommit prepared, Consumer<WriteBatch> alsoWrite) {
    if (heads != prepared.expected) {
      return Optional.empty();
    }
    if (prepared.layer != null && layers.size() >= maxHeadLayers) {
      applyHeadLayers(); // rarely: a build job applies them while it idles
    }
    alsoWrite.accept(prepared.batch);
    synchronized (layersLock) {
      prepared.batch.commit(durability);
      if (prepared.layer != null) {
        // Before the heads: a reader that sees the new head finds its state and transactions.
        layers = layers.with(prepared.layer);
      }
      heads = prepared.next;
    }
    return Optional.of(prepared.key);
  }

  /**
   * Moves the unsafe head to {@code target}, a stored block: back along the canonical chain and, if
   * {@code target} is on another branch, forward along it, using the stored state diffs (no
   * execution). The safe and finalized heads stay unless they were on the abandoned blocks, where
   * the safe head falls back to the common ancestor; the finalized head never moves back.
   *
   * @throws ChainStateException if a diff on the way was pruned (deeper than the history), the
   *     target is unknown, or the move would un-finalize a block
   */
  public void setHead(BlockKey target) {
    ChainHeads h = requireHeads();
    if (h.unsafe().equals(target)) {
      return;
    }
    HeadMove move = HeadMove.plan(chain, state, h.unsafe(), target);
    if (move.abandons(h.finalized())) {
      throw new ChainStateException(
          "moving the head to " + target + " would rewind the finalized head " + h.finalized());
    }
    // A safe head that is not left behind lies at or below the common ancestor.
    BlockKey safe = move.abandons(h.safe()) ? move.ancestor() : h.safe();
    ChainHeads next = new ChainHeads(target, safe, h.finalized());
    synchronized (layersLock) {
      applyHeadLayers(); // the move starts from tables that hold the head
      try (WriteBatch batch = store.newBatch()) {
        move.write(batch);
        ChainStore.putMetadata(batch, MetaKey.INDEXED_HEAD, target.toBytes());
        ChainStore.putHeads(batch, next);
        batch.commit(durability);
      }
      heads = next;
    }
  }

  /** Moves the safe and finalized heads (which must be canonical, at or below the unsafe head). */
  public void setSafeAndFinalized(BlockKey safe, BlockKey finalized) {
    ChainHeads h = requireHeads();
    for (BlockKey k : List.of(safe, finalized)) {
      if (!chain.canonicalKey(k.number()).map(k::equals).orElse(false)) {
        throw new ChainStateException("block " + k + " is not canonical");
      }
    }
    ChainHeads next = new ChainHeads(h.unsafe(), safe, finalized);
    synchronized (layersLock) {
      try (WriteBatch batch = store.newBatch()) {
        ChainStore.putHeads(batch, next);
        batch.commit(Durability.SYNCED);
      }
      heads = next;
    }
  }

  private ChainHeads requireHeads() {
    ChainHeads h = heads;
    if (h == null) {
      throw new ChainStateException("the database holds no chain: run `opal init` first");
    }
    return h;
  }

  private static void checkRoot(BlockHeader header, BlockState blockState) {
    Hash root = blockState.stateRoot();
    if (!root.equals(header.stateRoot())) {
      throw new ChainStateException(
          "block #"
              + header.number()
              + " names state root "
              + header.stateRoot()
              + " but its state has root "
              + root);
    }
  }
}
