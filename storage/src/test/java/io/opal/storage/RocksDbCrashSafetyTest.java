package io.opal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.testing.ChildJvm;
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
 * Kills a process that is committing blocks (SIGKILL, at random moments) and checks that the
 * reopened store holds exactly the blocks up to its head pointer, each whole: a crash leaves the
 * old or the new head, never half of a batch.
 */
class RocksDbCrashSafetyTest {
  private static final List<Column> BLOCK_COLUMNS =
      List.of(Column.HEADERS, Column.BODIES, Column.RECEIPTS, Column.CANONICAL);

  @TempDir Path directory;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void killedWriterLeavesWholeBlocksUpToItsHead() throws Exception {
    Path db = directory.resolve("db");
    Random random = new Random(20_240_611);
    long head = -1;
    for (int round = 0; round < 4; round++) {
      Path log = directory.resolve("child-" + round + ".log");
      Process child = startWriter(db, log);
      long lastAcknowledged;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertEquals("ready " + (head + 1), readLine(out, child, log));
        if (round == 0) {
          // While the child holds the directory, a second process may not open it.
          StorageException e =
              assertThrows(
                  StorageException.class,
                  () -> RocksDbKeyValueStore.open(db, RocksDbKeyValueStoreTest.SMALL));
          assertEquals(StorageException.Kind.LOCKED, e.kind(), e.getMessage());
        }
        int commitsBeforeKill = 2 + random.nextInt(40);
        lastAcknowledged = -1;
        for (int i = 0; i < commitsBeforeKill; i++) {
          String line = readLine(out, child, log);
          assertTrue(line.startsWith("committed "), line);
          lastAcknowledged = Long.parseLong(line.substring("committed ".length()));
        }
        // Kill at a random point of the commit loop, not right after a commit returned.
        Thread.sleep(random.nextInt(25));
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the killed writer did not exit");
      }
      long previousHead = head;
      head = verify(db, lastAcknowledged);
      System.out.printf(
          "round %d: writer killed after acknowledging block %d; recovered head %d%n",
          round, lastAcknowledged, head);
      assertTrue(head > previousHead, "no block was written in round " + round);
    }
  }

  private static Process startWriter(Path db, Path log) throws IOException {
    return ChildJvm.start(CrashWriter.class, "128m", log, db.toString());
  }

  private static String readLine(BufferedReader out, Process child, Path log) throws IOException {
    return ChildJvm.readLine(out, child, log);
  }

  /**
   * Checks the reopened store and returns its head: every block up to it present and whole in every
   * column, nothing beyond it anywhere, and no acknowledged commit lost.
   */
  private static long verify(Path db, long lastAcknowledged) {
    try (KeyValueStore store = RocksDbKeyValueStore.open(db, RocksDbKeyValueStoreTest.SMALL)) {
      BlockKey head = CrashWriter.head(store).orElse(null);
      assertNotNull(head, "no head after " + lastAcknowledged + " acknowledged commits");
      assertTrue(
          head.number() >= lastAcknowledged,
          "acknowledged block " + lastAcknowledged + " lost; head is " + head);
      assertEquals(CrashWriter.key(head.number()), head);
      for (long n = 0; n <= head.number(); n++) {
        BlockKey key = CrashWriter.key(n);
        byte[] blockKey = key.toBytes();
        String at = "block " + n + " of head " + head.number();
        assertArrayEquals(
            CrashWriter.header(n), store.get(Column.HEADERS, blockKey).orElseThrow(), at);
        assertArrayEquals(
            CrashWriter.body(n), store.get(Column.BODIES, blockKey).orElseThrow(), at);
        assertArrayEquals(
            CrashWriter.receipts(n), store.get(Column.RECEIPTS, blockKey).orElseThrow(), at);
        assertArrayEquals(
            Schema.hashKey(key.hash()),
            store.get(Column.CANONICAL, Schema.numberKey(n)).orElseThrow(),
            at);
        assertEquals(
            n,
            Schema.numberFromKey(
                store.get(Column.HEADER_NUMBERS, Schema.hashKey(key.hash())).orElseThrow()),
            at);
      }
      for (Column column : BLOCK_COLUMNS) {
        try (KeyValueIterator beyond =
            store.iterator(column, Schema.fromHeight(head.number() + 1))) {
          assertTrue(!beyond.hasNext(), column + " holds a block beyond head " + head);
        }
        assertEquals(head.number() + 1, count(store, column), column + " entry count");
      }
      assertEquals(head.number() + 1, count(store, Column.HEADER_NUMBERS), "hash index count");
      return head.number();
    }
  }

  private static long count(KeyValueReader store, Column column) {
    long n = 0;
    try (KeyValueIterator it = store.iterator(column, KeyRange.all())) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }
}
