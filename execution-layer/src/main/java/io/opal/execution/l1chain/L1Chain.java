package io.opal.execution.l1chain;

import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.TransactionSource;
import io.opal.execution.store.BlockState;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainHeads;
import io.opal.execution.store.ChainStateException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.storage.BlockKey;
import io.opal.storage.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An L1 chain on a {@link ChainDatabase}: block 0 from an {@link L1Genesis}, then blocks built on
 * the head ({@link #build}) or imported ({@link #importBlock}). Each block commits through {@link
 * ChainDatabase#commitBlock} (block, receipts, state, canonical index and head in one batch), after
 * which the safe and finalized heads follow at fixed depths behind the head.
 *
 * <p>One writer thread calls {@link #build} and {@link #importBlock}; reads go to {@link #db()}.
 */
public final class L1Chain {
  private final ChainDatabase db;
  private final L1Rules rules;
  private final L1BlockExecutor executor;
  private final CodeCache codeCache = new CodeCache(1024);
  private final int safeDepth;
  private final int finalizedDepth;
  private final List<Consumer<ExecutedBlock>> listeners = new CopyOnWriteArrayList<>();

  private L1Chain(ChainDatabase db, L1Rules rules, int safeDepth, int finalizedDepth) {
    this.db = db;
    this.rules = rules;
    this.executor = new L1BlockExecutor(rules, codeCache);
    this.safeDepth = safeDepth;
    this.finalizedDepth = finalizedDepth;
  }

  /**
   * Opens the chain in {@code store}, writing the genesis first if the store is empty (a store that
   * holds the chain already keeps its own genesis: a restart resumes it).
   *
   * @throws ChainStateException if the store holds another chain (another genesis or chain id)
   */
  public static L1Chain open(
      KeyValueStore store,
      L1Rules rules,
      Supplier<L1Genesis> genesis,
      int safeDepth,
      int finalizedDepth) {
    if (safeDepth < 0 || finalizedDepth < safeDepth) {
      throw new IllegalArgumentException(
          "need 0 <= safeDepth <= finalizedDepth, got " + safeDepth + " and " + finalizedDepth);
    }
    ChainDatabase db = ChainDatabase.open(store);
    byte[] config = configTag(rules);
    if (db.chain().genesisHash().isEmpty()) {
      L1Genesis g = genesis.get();
      db.writeGenesis(g.block(), g.state(), config);
    } else {
      String stored =
          db.chain()
              .metadata(io.opal.storage.Schema.MetaKey.CHAIN_CONFIG)
              .map(b -> new String(b, StandardCharsets.UTF_8))
              .orElse("");
      if (!stored.equals(new String(config, StandardCharsets.UTF_8))) {
        throw new ChainStateException(
            "the L1 database holds a chain with config " + stored + ", not " + rulesText(rules));
      }
    }
    return new L1Chain(db, rules, safeDepth, finalizedDepth);
  }

  private static byte[] configTag(L1Rules rules) {
    return rulesText(rules).getBytes(StandardCharsets.UTF_8);
  }

  private static String rulesText(L1Rules rules) {
    return "{\"l1ChainId\":" + rules.chainId() + ",\"fork\":\"" + rules.fork() + "\"}";
  }

  public ChainDatabase db() {
    return db;
  }

  public L1Rules rules() {
    return rules;
  }

  public int safeDepth() {
    return safeDepth;
  }

  public int finalizedDepth() {
    return finalizedDepth;
  }

  public BlockHeader head() {
    return db.headHeader();
  }

  public BlockHeader genesis() {
    return db.chain().canonicalHeader(0).orElseThrow();
  }

  /** Called on the writer thread after each block is committed. */
  public void addListener(Consumer<ExecutedBlock> listener) {
    listeners.add(listener);
  }

  /** Builds a block on the head from {@code source} and commits it as the new head. */
  public ExecutedBlock build(L1BlockAttributes attributes, TransactionSource source) {
    BlockHeader parent = head();
    BlockState state = db.newBlockState(parent);
    L1BlockBuilder builder =
        new L1BlockBuilder(rules, codeCache, parent, state, attributes, ancestors());
    builder.fill(source);
    ExecutedBlock block = builder.seal(List.of());
    commit(block, state);
    return block;
  }

  /**
   * Executes a received block on its parent (any stored block) and commits it; it becomes the head
   * if it extends the head, otherwise it is stored beside the chain and made the head with {@link
   * ChainDatabase#setHead} (the last imported valid block is the head, as in a post-merge test
   * chain). Safe and finalized stay where they are: imports are for replaying test chains.
   */
  public ExecutedBlock importBlock(Block block) throws BlockValidationException {
    BlockHeader parent =
        db.chain()
            .header(block.header().parentHash())
            .orElseThrow(
                () ->
                    new BlockValidationException(
                        BlockValidationException.Reason.INVALID_HEADER, "unknown parent"));
    BlockState state = db.newBlockState(parent);
    ExecutedBlock executed = executor.execute(parent, state, block, ancestors());
    BlockKey key = db.commitBlock(executed.block(), executed.receipts(), state);
    if (!db.heads().orElseThrow().unsafe().equals(key)) {
      db.setHead(key);
    }
    listeners.forEach(l -> l.accept(executed));
    return executed;
  }

  private void commit(ExecutedBlock block, BlockState state) {
    db.commitBlock(block.block(), block.receipts(), state);
    followHeads();
    listeners.forEach(l -> l.accept(block));
  }

  /** Moves safe and finalized to their depths behind the head (never backwards). */
  private void followHeads() {
    ChainHeads h = db.heads().orElseThrow();
    long head = h.unsafe().number();
    BlockKey safe = canonicalAt(Math.max(0, head - safeDepth), h.safe());
    BlockKey finalized = canonicalAt(Math.max(0, head - finalizedDepth), h.finalized());
    if (!safe.equals(h.safe()) || !finalized.equals(h.finalized())) {
      db.setSafeAndFinalized(safe, finalized);
    }
  }

  private BlockKey canonicalAt(long number, BlockKey current) {
    if (number < current.number()) {
      return current;
    }
    return db.chain().canonicalKey(number).orElse(current);
  }

  private BlockHashLookup ancestors() {
    return n -> db.chain().canonicalHash(n).orElse(Hash.ZERO);
  }
}
