package io.opal.execution.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainHeads;
import io.opal.execution.store.FlatStateCheck;
import io.opal.execution.store.StateDiff;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.testing.ChildJvm;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.BlockKey;
import io.opal.storage.Column;
import io.opal.storage.Durability;
import io.opal.storage.KeyValueIterator;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import io.opal.storage.Schema;
import io.opal.storage.TxLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a child JVM whose engine builds and seals blocks on a RocksDB chain, at random
 * moments and right as it starts sealing, then reopens the chain: the head is the last acknowledged
 * block or the one being sealed, never a torn mix; the head's state root is the stored state's;
 * every block up to the head is whole (header, body, receipts, canonical entry, transaction
 * lookups, recent state diffs) and nothing lies beyond it; and an engine builds on it again.
 */
class EngineCrashTest {
  private static final List<Column> BLOCK_COLUMNS =
      List.of(
          Column.HEADERS, Column.BODIES, Column.RECEIPTS, Column.CANONICAL, Column.STATE_HISTORY);

  @TempDir Path directory;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aKilledEngineLeavesTheOldOrTheNewHead() throws Exception {
    Path db = directory.resolve("db");
    Random random = new Random(20_261_121);
    long head = -1;
    for (int round = 0; round < 6; round++) {
      Path log = directory.resolve("child-" + round + ".log");
      Process child = start(db, log);
      long acknowledged;
      long sealing = -1;
      boolean inSeal = round % 2 == 0; // even rounds kill as sealing starts, odd ones anywhere
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertEquals("ready " + Math.max(head, 0), readLine(out, child, log));
        int blocks = 2 + random.nextInt(8);
        acknowledged = Math.max(head, 0);
        for (int i = 0; i < blocks; i++) {
          String line = readLine(out, child, log);
          if (line.startsWith("committed ")) {
            acknowledged = Long.parseLong(line.substring("committed ".length()));
          } else if (line.startsWith("sealing ")) {
            sealing = Long.parseLong(line.substring("sealing ".length()));
          }
        }
        if (inSeal) {
          String line;
          do {
            line = readLine(out, child, log);
            if (line.startsWith("committed ")) {
              acknowledged = Long.parseLong(line.substring("committed ".length()));
            }
          } while (!line.startsWith("sealing "));
          sealing = Long.parseLong(line.substring("sealing ".length()));
          if (random.nextBoolean()) {
            Thread.sleep(random.nextInt(3));
          }
        } else {
          Thread.sleep(random.nextInt(60));
        }
        // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe.
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child did not exit");
        // What the child wrote before it died is still in the pipe: the last block it saw
        // committed, and the one it was sealing.
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("committed ")) {
            acknowledged = Long.parseLong(line.substring("committed ".length()));
          } else if (line.startsWith("sealing ")) {
            sealing = Long.parseLong(line.substring("sealing ".length()));
          }
        }
      }
      long recovered = verify(db, acknowledged, sealing);
      System.out.printf(
          "round %d (%s): killed after block %d was committed, sealing %d; recovered head %d%n",
          round,
          inSeal ? "as sealing began" : "at a random moment",
          acknowledged,
          sealing,
          recovered);
      assertTrue(recovered > head, "no block was produced in round " + round);
      head = recovered + 1; // verify() built one more block on the recovered head
    }
  }

  private static Process start(Path db, Path log) throws IOException {
    return ChildJvm.start(EngineCrashWriter.class, "256m", log, db.toString());
  }

  private static String readLine(BufferedReader out, Process child, Path log) throws IOException {
    return ChildJvm.readLine(out, child, log);
  }

  /** Checks the reopened chain, builds one more block on it, and returns the recovered head. */
  private static long verify(Path path, long acknowledged, long sealing) throws Exception {
    try (KeyValueStore store = RocksDbKeyValueStore.open(path, EngineCrashWriter.SETTINGS)) {
      ChainDatabase db =
          ChainDatabase.open(store, EngineCrashWriter.HISTORY, Durability.PROCESS_CRASH_SAFE);
      ChainHeads heads = db.heads().orElseThrow();
      BlockKey head = heads.unsafe();
      // The last block the child saw committed, or the one it had started to seal.
      assertTrue(
          head.number() == acknowledged
              || (head.number() == acknowledged + 1 && sealing == head.number()),
          "head "
              + head
              + " is neither the last committed block "
              + acknowledged
              + " nor the one being sealed ("
              + sealing
              + ")");
      BlockHeader headHeader = db.headHeader();
      assertEquals(head.hash(), headHeader.hash());
      assertEquals(headHeader.stateRoot(), FlatStateCheck.root(store), "flat state root");
      assertTrue(db.state().hasState(headHeader.stateRoot()), "the head's trie is stored");

      Hash parent = null;
      for (long n = 0; n <= head.number(); n++) {
        String at = "block " + n + " of head " + head.number();
        BlockKey key = db.chain().canonicalKey(n).orElseThrow(() -> new AssertionError(at));
        Block block = db.chain().block(key).orElseThrow(() -> new AssertionError(at));
        assertEquals(key.hash(), block.hash(), at);
        if (parent != null) {
          assertEquals(parent, block.header().parentHash(), at);
        }
        parent = key.hash();
        List<Receipt> receipts = db.chain().receipts(key).orElseThrow(() -> new AssertionError(at));
        assertEquals(block.header().receiptsRoot(), Receipt.receiptsRoot(receipts), at);
        List<Transaction> txs = block.body().transactions();
        assertEquals(txs.size(), receipts.size(), at);
        for (int i = 0; i < txs.size(); i++) {
          assertEquals(
              new TxLocation(n, key.hash(), i),
              db.chain().txLocation(txs.get(i).hash()).orElseThrow(() -> new AssertionError(at)),
              at);
        }
        if (n > 0 && n > head.number() - EngineCrashWriter.HISTORY) {
          StateDiff diff = db.state().diff(key).orElseThrow(() -> new AssertionError(at));
          assertEquals(block.header().stateRoot(), diff.stateRoot(), at);
        }
      }
      for (Column column : BLOCK_COLUMNS) {
        try (KeyValueIterator beyond =
            store.iterator(column, Schema.fromHeight(head.number() + 1))) {
          assertTrue(!beyond.hasNext(), column + " holds data beyond head " + head);
        }
      }

      // The engine continues on the recovered head.
      ExecutionEngine engine =
          new ExecutionEngine(db, EngineChains.CONFIG, TransactionProvider.NONE);
      BlockHeader next = EngineCrashWriter.buildOne(engine, headHeader, 5, null);
      assertEquals(head.number() + 1, next.number());
      assertEquals(next.hash(), engine.heads().unsafe().hash());
      db.applyHeadLayers();
      assertEquals(next.stateRoot(), FlatStateCheck.root(store));
      return head.number();
    }
  }
}
