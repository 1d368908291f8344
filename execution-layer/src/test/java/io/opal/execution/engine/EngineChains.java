package io.opal.execution.engine;

import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.storage.Column;
import io.opal.storage.Durability;
import io.opal.storage.InMemoryKeyValueStore;
import io.opal.storage.KeyRange;
import io.opal.storage.KeyValue;
import io.opal.storage.KeyValueIterator;
import io.opal.storage.KeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Engines on in-memory databases for tests, and a helper to build one block. */
final class EngineChains {
  static final RollupConfig CONFIG = EngineTestChain.config(OpFork.ISTHMUS);

  private EngineChains() {}

  static ExecutionEngine engine(
      InMemoryKeyValueStore store, int historyDepth, TransactionProvider p) {
    ChainDatabase db = ChainDatabase.open(store, historyDepth, Durability.PROCESS_CRASH_SAFE);
    EngineTestChain.writeGenesis(db, CONFIG, 8);
    return new ExecutionEngine(db, CONFIG, p);
  }

  /** Builds and seals a child of {@code parent} with {@code txs} (forced after the L1 info). */
  static SealedBlock build(
      ExecutionEngine engine, BlockHeader parent, int salt, List<SignedTransaction> txs)
      throws InterruptedException {
    BuildJob job =
        engine.startBuild(
            parent.hash(),
            EngineTestChain.attributes(CONFIG, parent, false, salt),
            b -> new EngineTestChain.ListSource(txs));
    if (!job.awaitFilled(Duration.ofSeconds(30))) {
      throw new AssertionError("the build job did not finish filling");
    }
    return job.seal();
  }

  /** Every key and value of the store, column by column, hex-encoded (to compare snapshots). */
  static TreeMap<String, String> dump(KeyValueStore store) {
    TreeMap<String, String> all = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    for (Column c : Column.values()) {
      try (KeyValueIterator it = store.iterator(c, KeyRange.all())) {
        while (it.hasNext()) {
          KeyValue kv = it.next();
          all.put(c + "/" + hex.formatHex(kv.key()), hex.formatHex(kv.value()));
        }
      }
    }
    return all;
  }

  static List<SignedTransaction> transfers(int from, long firstNonce, int count) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      txs.add(
          EngineTestChain.transfer(
              from,
              firstNonce + i,
              io.opal.primitives.Address.ofLong(0xbeef00L + from * 100L + i),
              1 + i,
              1));
    }
    return txs;
  }
}
