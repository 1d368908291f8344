package io.opal.execution.store;

import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link ChainCrashSafetyTest}: imports blocks of ETH transfers into a chain
 * database until it is killed, each block (block, receipts, state, canonical index, head) one
 * commit. Creates the chain on first run, continues from the stored head afterwards.
 *
 * <p>Protocol on stdout: {@code ready N} once open (N is the head's number), then {@code committed
 * N} after each commit returned.
 */
public final class ChainCrashWriter {
  static final int ACCOUNTS = 64;

  private ChainCrashWriter() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    try (KeyValueStore store = RocksDbKeyValueStore.open(Path.of(args[0]), ChainStoreTest.SMALL)) {
      ChainDatabase db =
          ChainDatabase.open(store, 32, io.opal.storage.Durability.PROCESS_CRASH_SAFE);
      SyntheticChain chain =
          db.heads().isPresent()
              ? SyntheticChain.open(db, ACCOUNTS)
              : SyntheticChain.create(db, ACCOUNTS, Map.of());
      long head = db.heads().orElseThrow().unsafe().number();
      out.println("ready " + head);
      out.flush();
      while (true) {
        // Block sizes vary so that batches span from one to many pages of the write-ahead log.
        int txs = 20 + (int) ((head * 37) % 180);
        SyntheticChain.Imported b = chain.importBlock(chain.transfers(txs, (int) head));
        head = b.block().number();
        out.println("committed " + head);
        out.flush();
      }
    }
  }
}
