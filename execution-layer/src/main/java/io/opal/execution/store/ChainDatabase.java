package io.opal.execution.store;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Receipt;
import io.opal.storage.BlockKey;
import io.opal.storage.Durability;
import io.opal.storage.KeyValueStore;
import io.opal.storage.Schema.MetaKey;
import io.opal.storage.WriteBatch;
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
 * <p>Invariant: the flat state tables hold the state of the unsafe head.
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

  private final KeyValueStore store;
  private final ChainStore chain;
  private final WorldStateStore state;
  private final Durability durability;
  private volatile ChainHeads heads;

  private ChainDatabase(KeyValueStore store, int historyDepth, Durability durability) {
    this.store = store;
    this.chain = new ChainStore(store);
    this.state = new WorldStateStore(store, historyDepth);
    this.durability = durability;
    this.heads = chain.heads().orElse(null);
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
    return new ChainView(store.snapshot(), state);
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
   * Opens the commit batch of block {@code blockNumber} built on {@code blockState}, for {@link
   * #stageState(BlockState, PendingCommit, List)} to fill ahead and {@link #commitBlock(Block,
   * List, BlockState, PendingCommit, Consumer)} to finish. Close it (a cancelled build drops it).
   */
  public PendingCommit openCommit(BlockState blockState, long blockNumber) {
    return new PendingCommit(store.newBatch(), blockState, blockNumber);
  }

  /**
   * Writes the trie nodes and code {@code blockState} created so far ahead of its block's commit (a
   * build job calls this while it waits for transactions), so that {@link #commitBlock} only writes
   * what changed since. Safe at any time: see the class comment for why early nodes keep a crash
   * consistent. Returns the number of trie nodes written. The caller must own {@code blockState}
   * (no transaction running on it meanwhile).
   */
  public int stageState(BlockState blockState) {
    return state.stage(blockState, Optional.empty(), durability);
  }

  /**
   * {@link #stageState(BlockState)}, and adds to {@code commit} (the block's own batch, written
   * only by its commit) the flat-state changes so far and the lookups of {@code txHashes}, the
   * block's transactions so far in order.
   */
  public int stageState(BlockState blockState, PendingCommit commit, List<Hash> txHashes) {
    if (commit.state() != blockState) {
      throw new IllegalArgumentException("the pending commit belongs to another block state");
    }
    int nodes = state.stage(blockState, Optional.of(commit.batch()), durability);
    commit.addLookups(txHashes);
    return nodes;
  }

  /**
   * Commits an executed block in one batch. If it extends the unsafe head (its state {@linkplain
   * BlockState#isOnFlatHead is on the head}), it becomes the new unsafe head: canonical index,
   * transaction lookups, flat state and head pointer move with it, and history beyond the depth is
   * pruned. Otherwise it is stored beside the canonical chain (block, trie nodes, diff) and {@link
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
   * writes (another owner's progress, say) to the same atomic batch.
   */
  public BlockKey commitBlock(
      Block block, List<Receipt> receipts, BlockState blockState, Consumer<WriteBatch> alsoWrite) {
    try (PendingCommit commit = openCommit(blockState, block.number())) {
      return commitBlock(block, receipts, blockState, commit, alsoWrite);
    }
  }

  /**
   * {@link #commitBlock(Block, List, BlockState, Consumer)} into {@code commit}, the batch filled
   * ahead by {@link #stageState(BlockState, PendingCommit, List)}; its lookups must be of the
   * block's first transactions. On an exception nothing was written; the caller closes {@code
   * commit} either way.
   */
  public BlockKey commitBlock(
      Block block,
      List<Receipt> receipts,
      BlockState blockState,
      PendingCommit commit,
      Consumer<WriteBatch> alsoWrite) {
    if (commit.state() != blockState
        || commit.blockNumber() != block.number()
        || commit.lookupsAdded() > block.body().transactions().size()) {
      throw new IllegalArgumentException("the pending commit belongs to another block");
    }
    BlockHeader header = block.header();
    checkRoot(header, blockState);
    ChainHeads h = requireHeads();
    BlockKey parent =
        chain
            .blockKey(header.parentHash())
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
    WriteBatch batch = commit.batch();
    ChainStore.putBlock(batch, key, block, receipts);
    state.write(batch, blockState, key, extendsHead);
    if (extendsHead) {
      ChainStore.putCanonical(batch, key, block.body(), commit.lookupsAdded());
      ChainStore.putHeads(batch, next);
      state.pruneHistory(batch, key.number());
    }
    alsoWrite.accept(batch);
    batch.commit(durability);
    heads = next;
    return key;
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
    try (WriteBatch batch = store.newBatch()) {
      move.write(batch);
      ChainStore.putHeads(batch, next);
      batch.commit(durability);
    }
    heads = next;
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
    try (WriteBatch batch = store.newBatch()) {
      ChainStore.putHeads(batch, next);
      batch.commit(Durability.SYNCED);
    }
    heads = next;
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
