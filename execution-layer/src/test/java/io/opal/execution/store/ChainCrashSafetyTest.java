package io.opal.execution.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.testing.ChildJvm;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.BlockKey;
import io.opal.storage.Column;
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
 * Kills (SIGKILL, at random moments) a process that imports blocks into a chain database and checks
 * the reopened chain: the head block's state root is the root of the stored state (recomputed from
 * the flat tables, and readable through the trie), every block up to the head is whole (header,
 * body, receipts, canonical entry, transaction lookups, state diff), and nothing lies beyond it.
 */
class ChainCrashSafetyTest {
  private static final List<Column> BLOCK_COLUMNS =
      List.of(
          Column.HEADERS, Column.BODIES, Column.RECEIPTS, Column.CANONICAL, Column.STATE_HISTORY);

  @TempDir Path directory;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aKilledImporterLeavesAConsistentChain() throws Exception {
    Path db = directory.resolve("db");
    Random random = new Random(20_250_417);
    long head = -1;
    for (int round = 0; round < 4; round++) {
      Path log = directory.resolve("child-" + round + ".log");
      Process child = startWriter(db, log);
      long acknowledged;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String ready = readLine(out, child, log);
        assertEquals("ready " + Math.max(head, 0), ready);
        int commitsBeforeKill = 3 + random.nextInt(25);
        acknowledged = -1;
        for (int i = 0; i < commitsBeforeKill; i++) {
          String line = readLine(out, child, log);
          assertTrue(line.startsWith("committed "), line);
          acknowledged = Long.parseLong(line.substring("committed ".length()));
        }
        // Kill somewhere inside the next block's execution or commit.
        Thread.sleep(random.nextInt(40));
        child.destroyForcibly();
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the killed importer did not exit");
      }
      long previous = head;
      head = verify(db, acknowledged);
      System.out.printf(
          "round %d: importer killed after acknowledging block %d; recovered head %d%n",
          round, acknowledged, head);
      assertTrue(head > previous, "no block was imported in round " + round);
    }
  }

  private static Process startWriter(Path db, Path log) throws IOException {
    return ChildJvm.start(ChainCrashWriter.class, "256m", log, db.toString());
  }

  private static String readLine(BufferedReader out, Process child, Path log) throws IOException {
    return ChildJvm.readLine(out, child, log);
  }

  /** Checks the reopened chain and returns its head number. */
  private static long verify(Path path, long acknowledged) {
    try (KeyValueStore store = RocksDbKeyValueStore.open(path, ChainStoreTest.SMALL)) {
      ChainDatabase db = ChainDatabase.open(store);
      ChainHeads heads = db.heads().orElseThrow();
      BlockKey head = heads.unsafe();
      assertTrue(head.number() >= acknowledged, "acknowledged block " + acknowledged + " lost");
      BlockHeader headHeader = db.headHeader();
      assertEquals(head.hash(), headHeader.hash());

      // The stored state is the head's: recomputed from the flat tables, and through the trie.
      assertEquals(headHeader.stateRoot(), FlatStateCheck.root(store), "flat state root");
      TrieStateReader trie = db.state().at(headHeader.stateRoot());
      FlatStateReader flat = db.state().head();
      for (int i = 0; i < ChainCrashWriter.ACCOUNTS; i++) {
        var a = SyntheticChain.address(i);
        assertEquals(trie.account(a), flat.account(a), "account " + i);
      }

      // Every block up to the head is whole and chained.
      Hash expectedParent = null;
      for (long n = 0; n <= head.number(); n++) {
        String at = "block " + n + " of head " + head.number();
        BlockKey key = db.chain().canonicalKey(n).orElseThrow(() -> new AssertionError(at));
        Block block = db.chain().block(key).orElseThrow(() -> new AssertionError(at));
        assertEquals(key.hash(), block.hash(), at);
        if (expectedParent != null) {
          assertEquals(expectedParent, block.header().parentHash(), at);
        }
        expectedParent = key.hash();
        List<Receipt> receipts = db.chain().receipts(key).orElseThrow(() -> new AssertionError(at));
        assertEquals(block.header().receiptsRoot(), Receipt.receiptsRoot(receipts), at);
        List<Transaction> txs = block.body().transactions();
        assertEquals(txs.size(), receipts.size(), at);
        for (int i = 0; i < txs.size(); i += 17) {
          assertEquals(
              new TxLocation(n, key.hash(), i),
              db.chain().txLocation(txs.get(i).hash()).orElseThrow(),
              at);
        }
        if (n > 0 && n > head.number() - 32) {
          StateDiff diff = db.state().diff(key).orElseThrow(() -> new AssertionError(at));
          assertEquals(block.header().stateRoot(), diff.stateRoot(), at);
        }
      }
      // Nothing beyond it.
      for (Column column : BLOCK_COLUMNS) {
        try (KeyValueIterator beyond =
            store.iterator(column, Schema.fromHeight(head.number() + 1))) {
          assertTrue(!beyond.hasNext(), column + " holds data beyond head " + head);
        }
      }
      return head.number();
    }
  }
}
