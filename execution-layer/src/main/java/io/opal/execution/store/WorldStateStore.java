package io.opal.execution.store;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.storage.BlockKey;
import io.opal.storage.Column;
import io.opal.storage.Durability;
import io.opal.storage.KeyValueReader;
import io.opal.storage.KeyValueStore;
import io.opal.storage.Schema;
import io.opal.storage.StorageException;
import io.opal.storage.WriteBatch;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The persistent world state: Merkle-Patricia trie nodes by hash in {@code TRIE_NODES} (every
 * block's nodes are kept, so the state of any stored block can be read through its root), the
 * head's state flattened in {@code ACCOUNTS}/{@code STORAGE} for O(1) reads, code by hash in {@code
 * CODE}, and per-block {@link StateDiff}s in {@code STATE_HISTORY} for the most recent {@link
 * #historyDepth()} blocks, which let the head move back (or forward again) without re-executing.
 * The flat tables may trail the head by a few blocks whose diffs are kept in memory as {@link
 * HeadLayers} (see {@link ChainDatabase}); the head readers look there first.
 *
 * <p>All writes go into a caller's {@link WriteBatch}; {@link ChainDatabase} adds the block and
 * head pointer to the same batch.
 */
public final class WorldStateStore {
  /** Memory for cached trie nodes (two generations of this size). */
  private static final long NODE_CACHE_GENERATION_BYTES = 64L << 20;

  private final KeyValueStore store;
  private final int historyDepth;
  private final TrieNodeCache nodeCache = new TrieNodeCache(NODE_CACHE_GENERATION_BYTES);
  private final Supplier<HeadLayers> layers;

  /** A world state whose flat tables hold the head's state (no layers above them). */
  public WorldStateStore(KeyValueStore store, int historyDepth) {
    this(store, historyDepth, () -> HeadLayers.EMPTY);
  }

  /** A world state whose head is the flat tables under the layers {@code layers} supplies. */
  WorldStateStore(KeyValueStore store, int historyDepth, Supplier<HeadLayers> layers) {
    this.layers = layers;
    if (historyDepth < 1) {
      throw new IllegalArgumentException("history depth must be at least 1, got " + historyDepth);
    }
    this.store = store;
    this.historyDepth = historyDepth;
  }

  /** How many recent blocks keep their state diffs. */
  public int historyDepth() {
    return historyDepth;
  }

  /**
   * The head state through the flat tables of the live store and the layers current at each read (a
   * reader kept for long follows the head).
   */
  public FlatStateReader head() {
    return new FlatStateReader(store, layers);
  }

  /** The head state as of a snapshot of the store, with the layers taken with it. */
  FlatStateReader head(KeyValueReader snapshot, HeadLayers snapshotLayers) {
    return new FlatStateReader(snapshot, () -> snapshotLayers);
  }

  /**
   * The state at {@code stateRoot} through the trie (any stored block's state). Reads throw {@link
   * MissingStateException} if that state was never stored; check with {@link #hasState}.
   */
  public TrieStateReader at(Hash stateRoot) {
    return TrieStateReader.of(stateRoot, nodes(), false, CodeSource.of(store), "database");
  }

  /** Trie nodes of the database, through the cache. */
  private io.opal.primitives.trie.TrieNodeSource nodes() {
    return nodeCache.over(TrieStateReader.databaseNodes(store));
  }

  /** Whether the trie of {@code stateRoot} is stored (its root node is). */
  public boolean hasState(Hash stateRoot) {
    return stateRoot.equals(Hash.EMPTY_TRIE)
        || store.contains(Column.TRIE_NODES, stateRoot.toArray());
  }

  /**
   * A block state on the head: reads from the flat tables, which must hold the state with root
   * {@code headStateRoot}; committing it moves the flat tables to the new block.
   */
  public BlockState onHead(Hash headStateRoot) {
    HeadLayers now =
        layers.get(); // fixed: the block executes on this head, whatever is applied later
    return new BlockState(
        new FlatStateReader(store, () -> now),
        headStateRoot,
        TrieStateReader.databaseNodes(store),
        false,
        "database",
        true);
  }

  /** A block state on any stored state, read through its trie (for a block off the head). */
  public BlockState on(Hash parentStateRoot) {
    return BlockState.over(at(parentStateRoot));
  }

  /**
   * Writes a block's state: its new trie nodes and code not written yet (none when it was {@link
   * #stage staged}), and its diff in the history under {@code block}. The flat tables are not
   * touched: for a block that becomes the head, {@link ChainDatabase} puts the diff on its {@link
   * HeadLayers} and applies it later. Returns the diff.
   */
  public StateDiff write(WriteBatch batch, BlockState state, BlockKey block) {
    state.writeTrieNodes(batch);
    StateDiff diff = state.diff();
    batch.put(Column.STATE_HISTORY, block.toBytes(), state.encodedDiff());
    return diff;
  }

  /**
   * Writes the trie nodes and code {@code state} created so far, and not yet written, in a batch of
   * their own, ahead of the block's commit, so that the commit only carries what changed since (see
   * {@link ChainDatabase#stageState}). Also computes and encodes the state diff, which the commit
   * reuses if no transaction ran since. Returns the number of trie nodes written.
   */
  public int stage(BlockState state, Durability durability) {
    int count;
    try (WriteBatch batch = store.newBatch()) {
      count = state.writeTrieNodes(batch);
      if (batch.size() > 0) {
        batch.commit(durability);
      }
    }
    state.encodedDiff();
    return count;
  }

  /**
   * Writes a genesis state: trie nodes, code and flat tables (no history: there is nothing before
   * it to go back to). The flat tables must be empty.
   */
  public void writeGenesis(WriteBatch batch, BlockState state) {
    state.writeTrieNodes(batch);
    state.diff().applyForward(batch);
  }

  /** The stored diff of a block, if it is within the history. */
  public Optional<StateDiff> diff(BlockKey block) {
    Optional<byte[]> raw = store.get(Column.STATE_HISTORY, block.toBytes());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StateDiff.decode(raw.get()));
    } catch (DecodingException e) {
      throw new StorageException(
          StorageException.Kind.CORRUPT,
          "corrupt database: the state diff of block " + block + " does not decode: " + e,
          e);
    }
  }

  /**
   * Deletes the diffs of every block at least {@link #historyDepth()} below {@code headNumber}
   * (siblings included), with one range delete: no read on the commit path (a scan of the pruned
   * window would walk the tombstones of every earlier prune).
   */
  public void pruneHistory(WriteBatch batch, long headNumber) {
    long keepFrom = headNumber - historyDepth + 1;
    if (keepFrom <= 0) {
      return;
    }
    batch.deleteRange(Column.STATE_HISTORY, Schema.numberKey(0), Schema.numberKey(keepFrom));
  }
}
