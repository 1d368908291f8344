package io.opal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link KeyValueStore} contract, run against every implementation: each subclass supplies a
 * fresh store. Concurrency and randomized model checks live in {@link KeyValueStoreStressTest}.
 */
abstract class KeyValueStoreContractTest {
  protected KeyValueStore store;

  /** A new, empty store; the test closes it. */
  protected abstract KeyValueStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static void put(KeyValueStore store, Column column, byte[] key, byte[] value) {
    try (WriteBatch batch = store.newBatch()) {
      batch.put(column, key, value).commit();
    }
  }

  static List<KeyValue> scan(KeyValueReader reader, Column column, KeyRange range) {
    List<KeyValue> out = new ArrayList<>();
    try (KeyValueIterator it = reader.iterator(column, range)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  static List<String> keys(KeyValueReader reader, Column column, KeyRange range) {
    return scan(reader, column, range).stream()
        .map(e -> io.opal.primitives.Hex.encodePlain(e.key()))
        .toList();
  }

  @Test
  void newStoreIsStampedWithTheSchemaVersion() {
    Optional<byte[]> version = store.get(Column.METADATA, Schema.MetaKey.SCHEMA_VERSION.key());
    assertTrue(version.isPresent());
    assertEquals(Schema.VERSION, Schema.decodeUint64(version.get(), "version"));
  }

  @Test
  void putThenGetThenDelete() {
    byte[] key = b(1, 2, 3);
    assertEquals(Optional.empty(), store.get(Column.HEADERS, key));
    assertFalse(store.contains(Column.HEADERS, key));

    put(store, Column.HEADERS, key, b(9, 9));
    assertArrayEquals(b(9, 9), store.get(Column.HEADERS, key).orElseThrow());
    assertTrue(store.contains(Column.HEADERS, key));

    put(store, Column.HEADERS, key, b(7));
    assertArrayEquals(b(7), store.get(Column.HEADERS, key).orElseThrow());

    try (WriteBatch batch = store.newBatch()) {
      batch.delete(Column.HEADERS, key).commit(Durability.SYNCED);
    }
    assertEquals(Optional.empty(), store.get(Column.HEADERS, key));
    assertFalse(store.contains(Column.HEADERS, key));
  }

  @Test
  void emptyKeysAndValuesAreEntriesLikeAnyOther() {
    put(store, Column.CODE, b(), b());
    assertArrayEquals(b(), store.get(Column.CODE, b()).orElseThrow());
    assertTrue(store.contains(Column.CODE, b()));
    assertEquals(List.of(new KeyValue(b(), b())), scan(store, Column.CODE, KeyRange.all()));
  }

  @Test
  void columnsAreSeparateKeyspaces() {
    put(store, Column.HEADERS, b(1), b(0xaa));
    put(store, Column.BODIES, b(1), b(0xbb));
    assertArrayEquals(b(0xaa), store.get(Column.HEADERS, b(1)).orElseThrow());
    assertArrayEquals(b(0xbb), store.get(Column.BODIES, b(1)).orElseThrow());
    assertFalse(store.contains(Column.RECEIPTS, b(1)));
    for (Column column : Column.values()) {
      if (column != Column.HEADERS && column != Column.BODIES && column != Column.METADATA) {
        assertEquals(List.of(), scan(store, column, KeyRange.all()), column.name());
      }
    }
  }

  @Test
  void arraysAreCopiedInAndOut() {
    byte[] key = b(5);
    byte[] value = b(1, 2);
    try (WriteBatch batch = store.newBatch()) {
      batch.put(Column.CODE, key, value);
      key[0] = 6; // the caller reuses its buffers before committing
      value[0] = 0;
      batch.commit();
    }
    byte[] read = store.get(Column.CODE, b(5)).orElseThrow();
    assertArrayEquals(b(1, 2), read);
    read[0] = 42;
    assertArrayEquals(b(1, 2), store.get(Column.CODE, b(5)).orElseThrow());
    assertFalse(store.contains(Column.CODE, b(6)));
  }

  @Test
  void batchOperationsApplyInOrder() {
    put(store, Column.CODE, b(2), b(0));
    try (WriteBatch batch = store.newBatch()) {
      batch
          .put(Column.CODE, b(1), b(1))
          .delete(Column.CODE, b(1))
          .delete(Column.CODE, b(2))
          .put(Column.CODE, b(2), b(2))
          .put(Column.CODE, b(3), b(3))
          .deleteRange(Column.CODE, b(3), b(4))
          .put(Column.CODE, b(3), b(33));
      assertEquals(7, batch.size());
      batch.commit();
    }
    assertEquals(
        List.of(new KeyValue(b(2), b(2)), new KeyValue(b(3), b(33))),
        scan(store, Column.CODE, KeyRange.all()));
  }

  @Test
  void batchIsInvisibleUntilCommittedAndDiscardedWhenClosed() {
    try (WriteBatch batch = store.newBatch()) {
      batch.put(Column.HEADERS, b(1), b(1)).put(Column.BODIES, b(1), b(1));
      assertFalse(store.contains(Column.HEADERS, b(1)));
      assertFalse(store.contains(Column.BODIES, b(1)));
    }
    assertFalse(store.contains(Column.HEADERS, b(1)));
    assertFalse(store.contains(Column.BODIES, b(1)));

    try (WriteBatch batch = store.newBatch()) {
      batch.put(Column.HEADERS, b(1), b(1)).put(Column.BODIES, b(1), b(2));
      batch.commit(Durability.SYNCED);
    }
    assertArrayEquals(b(1), store.get(Column.HEADERS, b(1)).orElseThrow());
    assertArrayEquals(b(2), store.get(Column.BODIES, b(1)).orElseThrow());
  }

  @Test
  void batchCommitsOnlyOnce() {
    WriteBatch batch = store.newBatch();
    batch.put(Column.CODE, b(1), b(1));
    batch.commit();
    assertThrows(IllegalStateException.class, () -> batch.put(Column.CODE, b(2), b(2)));
    assertThrows(IllegalStateException.class, batch::commit);
    batch.close();
    batch.close();
    WriteBatch closed = store.newBatch();
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.delete(Column.CODE, b(1)));
    assertThrows(IllegalStateException.class, closed::commit);
    assertEquals(List.of(new KeyValue(b(1), b(1))), scan(store, Column.CODE, KeyRange.all()));
  }

  @Test
  void emptyBatchCommits() {
    try (WriteBatch batch = store.newBatch()) {
      assertEquals(0, batch.size());
      batch.commit(Durability.SYNCED);
    }
    assertEquals(List.of(), scan(store, Column.CODE, KeyRange.all()));
  }

  @Test
  void deleteRangeRemovesExactlyTheHalfOpenRange() {
    try (WriteBatch batch = store.newBatch()) {
      for (int i = 0; i < 10; i++) {
        batch.put(Column.CANONICAL, Schema.numberKey(i), b(i));
        batch.put(Column.HEADERS, Schema.numberKey(i), b(i));
      }
      batch.commit();
    }
    try (WriteBatch batch = store.newBatch()) {
      batch.deleteRange(Column.CANONICAL, Schema.numberKey(3), Schema.numberKey(7));
      batch.deleteRange(Column.CANONICAL, Schema.numberKey(9), Schema.numberKey(9)); // empty
      assertEquals(1, batch.size());
      assertThrows(
          IllegalArgumentException.class,
          () -> batch.deleteRange(Column.CANONICAL, Schema.numberKey(5), Schema.numberKey(4)));
      batch.commit();
    }
    List<Long> left =
        scan(store, Column.CANONICAL, KeyRange.all()).stream()
            .map(e -> Schema.numberFromKey(e.key()))
            .toList();
    assertEquals(List.of(0L, 1L, 2L, 7L, 8L, 9L), left);
    assertEquals(10, scan(store, Column.HEADERS, KeyRange.all()).size());
  }

  @Test
  void deleteRangeByPrefix() {
    byte[][] keys = {b(0x01), b(0x01, 0xff), b(0x01, 0xff, 0x00), b(0x01, 0xff, 0xff), b(0x02)};
    try (WriteBatch batch = store.newBatch()) {
      for (byte[] key : keys) {
        batch.put(Column.STORAGE, key, b(1));
      }
      batch.commit();
    }
    byte[] prefix = b(0x01, 0xff);
    try (WriteBatch batch = store.newBatch()) {
      batch.deleteRange(Column.STORAGE, prefix, KeyRange.prefixEnd(prefix).orElseThrow()).commit();
    }
    assertEquals(List.of("01", "02"), keys(store, Column.STORAGE, KeyRange.all()));
  }

  @Test
  void iterationIsInUnsignedByteOrder() {
    byte[][] keys = {b(0xff), b(0x80, 0x01), b(0x00, 0x00), b(0x7f), b(), b(0x80), b(0x00)};
    try (WriteBatch batch = store.newBatch()) {
      for (byte[] key : keys) {
        batch.put(Column.PEERSTORE, key, key);
      }
      batch.commit();
    }
    assertEquals(
        List.of("", "00", "0000", "7f", "80", "8001", "ff"),
        keys(store, Column.PEERSTORE, KeyRange.all()));
    assertEquals(
        List.of("7f", "80", "8001", "ff"), keys(store, Column.PEERSTORE, KeyRange.from(b(0x01))));
    assertEquals(
        List.of("0000", "7f", "80"),
        keys(store, Column.PEERSTORE, KeyRange.between(b(0x00, 0x00), b(0x80, 0x00))));
    assertEquals(List.of(), keys(store, Column.PEERSTORE, KeyRange.between(b(0x10), b(0x10))));
    for (KeyValue entry : scan(store, Column.PEERSTORE, KeyRange.all())) {
      assertArrayEquals(entry.key(), entry.value());
    }
  }

  @Test
  void prefixScansStopAtThePrefixBound() {
    byte[][] keys = {
      b(0x01, 0xfe),
      b(0x01, 0xff),
      b(0x01, 0xff, 0x00),
      b(0x01, 0xff, 0xff, 0xff),
      b(0x02),
      b(0x02, 0x00),
      b(0xff),
      b(0xff, 0x00),
      b(0xff, 0xff)
    };
    try (WriteBatch batch = store.newBatch()) {
      for (byte[] key : keys) {
        batch.put(Column.BATCHER, key, b(0));
      }
      batch.commit();
    }
    assertEquals(
        List.of("01ff", "01ff00", "01ffffff"),
        keys(store, Column.BATCHER, KeyRange.prefix(b(0x01, 0xff))));
    assertEquals(
        List.of("ff", "ff00", "ffff"), keys(store, Column.BATCHER, KeyRange.prefix(b(0xff))));
    assertEquals(9, keys(store, Column.BATCHER, KeyRange.prefix(b())).size());
    assertEquals(List.of(), keys(store, Column.BATCHER, KeyRange.prefix(b(0x03))));
  }

  @Test
  void blockKeysIterateInNumericOrder() {
    long[] heights = {65_536, 1, 256, 255, 0, 1L << 40};
    try (WriteBatch batch = store.newBatch()) {
      for (long height : heights) {
        BlockKey key =
            new BlockKey(height, io.opal.primitives.Hash.keccak(Schema.numberKey(height)));
        batch.put(Column.HEADERS, key.toBytes(), Schema.numberKey(height));
      }
      batch.commit();
    }
    List<Long> order =
        scan(store, Column.HEADERS, Schema.fromHeight(200)).stream()
            .map(e -> BlockKey.parse(e.key()).number())
            .toList();
    assertEquals(List.of(255L, 256L, 65_536L, 1L << 40), order);
  }

  @Test
  void iteratorPastTheEndThrowsNoSuchElement() {
    put(store, Column.CODE, b(1), b(1));
    try (KeyValueIterator it = store.iterator(Column.CODE, KeyRange.all())) {
      assertTrue(it.hasNext());
      assertEquals(new KeyValue(b(1), b(1)), it.next());
      assertFalse(it.hasNext());
      assertThrows(NoSuchElementException.class, it::next);
    }
  }

  @Test
  void snapshotDoesNotSeeLaterCommits() {
    try (WriteBatch batch = store.newBatch()) {
      for (int i = 0; i < 5; i++) {
        batch.put(Column.ACCOUNTS, b(i), b(i));
      }
      batch.commit();
    }
    try (Snapshot snapshot = store.snapshot();
        KeyValueIterator liveBefore = store.iterator(Column.ACCOUNTS, KeyRange.all())) {
      try (WriteBatch batch = store.newBatch()) {
        batch
            .put(Column.ACCOUNTS, b(0), b(100))
            .delete(Column.ACCOUNTS, b(1))
            .deleteRange(Column.ACCOUNTS, b(2), b(4))
            .put(Column.ACCOUNTS, b(9), b(9))
            .put(Column.CODE, b(1), b(1));
        batch.commit();
      }
      assertArrayEquals(b(0), snapshot.get(Column.ACCOUNTS, b(0)).orElseThrow());
      assertTrue(snapshot.contains(Column.ACCOUNTS, b(1)));
      assertFalse(snapshot.contains(Column.ACCOUNTS, b(9)));
      assertFalse(snapshot.contains(Column.CODE, b(1)));
      assertEquals(
          List.of("00", "01", "02", "03", "04"), keys(snapshot, Column.ACCOUNTS, KeyRange.all()));
      List<String> sawLive = new ArrayList<>();
      liveBefore.forEachRemaining(e -> sawLive.add(io.opal.primitives.Hex.encodePlain(e.key())));
      assertEquals(List.of("00", "01", "02", "03", "04"), sawLive);

      assertArrayEquals(b(100), store.get(Column.ACCOUNTS, b(0)).orElseThrow());
      assertEquals(List.of("00", "04", "09"), keys(store, Column.ACCOUNTS, KeyRange.all()));
    }
  }

  @Test
  void closedSnapshotRefusesReadsAndClosesItsIterators() {
    put(store, Column.CODE, b(1), b(1));
    put(store, Column.CODE, b(2), b(2));
    Snapshot snapshot = store.snapshot();
    KeyValueIterator it = snapshot.iterator(Column.CODE, KeyRange.all());
    assertEquals(new KeyValue(b(1), b(1)), it.next());
    snapshot.close();
    assertClosed(() -> snapshot.get(Column.CODE, b(1)));
    assertClosed(() -> snapshot.contains(Column.CODE, b(1)));
    assertClosed(() -> snapshot.iterator(Column.CODE, KeyRange.all()));
    assertClosed(it::hasNext);
    assertClosed(it::next);
    it.close();
    snapshot.close();
    assertArrayEquals(b(2), store.get(Column.CODE, b(2)).orElseThrow());
  }

  @Test
  void closedIteratorRefusesReads() {
    put(store, Column.CODE, b(1), b(1));
    KeyValueIterator it = store.iterator(Column.CODE, KeyRange.all());
    it.close();
    assertClosed(it::hasNext);
    assertClosed(it::next);
    it.close();
  }

  @Test
  void closedStoreRefusesEverything() {
    put(store, Column.CODE, b(1), b(1));
    Snapshot snapshot = store.snapshot();
    KeyValueIterator live = store.iterator(Column.CODE, KeyRange.all());
    KeyValueIterator frozen = snapshot.iterator(Column.CODE, KeyRange.all());
    WriteBatch pending = store.newBatch().put(Column.CODE, b(2), b(2));

    store.close();
    store.close();

    assertClosed(() -> store.get(Column.CODE, b(1)));
    assertClosed(() -> store.contains(Column.CODE, b(1)));
    assertClosed(() -> store.iterator(Column.CODE, KeyRange.all()));
    assertClosed(store::newBatch);
    assertClosed(store::snapshot);
    assertClosed(store::flush);
    assertClosed(() -> store.compact(Column.CODE));
    assertClosed(() -> snapshot.get(Column.CODE, b(1)));
    assertClosed(live::hasNext);
    assertClosed(frozen::next);
    assertClosed(pending::commit);
    // Closing what the store already released is harmless.
    live.close();
    frozen.close();
    snapshot.close();
    pending.close();
  }

  @Test
  void maintenanceHooksKeepTheData() {
    try (WriteBatch batch = store.newBatch()) {
      for (int i = 0; i < 100; i++) {
        batch.put(Column.TRIE_NODES, Schema.numberKey(i), new byte[100]);
      }
      batch.commit();
    }
    try (WriteBatch batch = store.newBatch()) {
      batch.deleteRange(Column.TRIE_NODES, Schema.numberKey(10), Schema.numberKey(90)).commit();
    }
    store.flush();
    store.compact(Column.TRIE_NODES);
    assertEquals(20, scan(store, Column.TRIE_NODES, KeyRange.all()).size());
  }

  static void assertClosed(org.junit.jupiter.api.function.Executable call) {
    StorageException e = assertThrows(StorageException.class, call);
    assertEquals(StorageException.Kind.CLOSED, e.kind(), e.getMessage());
  }
}
