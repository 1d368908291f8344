package io.opal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The shared contract on RocksDB, plus what only a store on disk has: reopening, locks, errors. */
class RocksDbKeyValueStoreTest extends KeyValueStoreContractTest {
  /** Small budgets: the tests open many stores on a shared two-core machine. */
  static final RocksDbSettings SMALL = new RocksDbSettings(8 << 20, 4 << 20, 16 << 20, 2);

  @TempDir Path directory;

  @Override
  protected KeyValueStore newStore() {
    return RocksDbKeyValueStore.open(directory.resolve("db"), SMALL);
  }

  private Path dbDir() {
    return directory.resolve("db");
  }

  @Test
  void dataSurvivesCloseAndReopen() {
    try (WriteBatch batch = store.newBatch()) {
      for (int i = 0; i < 1000; i++) {
        batch.put(Column.RECEIPTS, Schema.numberKey(i), Schema.encodeUint64(i * 3L));
      }
      batch.put(Column.METADATA, Schema.MetaKey.UNSAFE_HEAD.key(), b(1, 2, 3));
      batch.commit();
    }
    try (WriteBatch batch = store.newBatch()) {
      batch.deleteRange(Column.RECEIPTS, Schema.numberKey(500), Schema.numberKey(1000)).commit();
    }
    store.close();
    try (KeyValueStore reopened = RocksDbKeyValueStore.open(dbDir(), SMALL)) {
      List<KeyValue> receipts = scan(reopened, Column.RECEIPTS, KeyRange.all());
      assertEquals(500, receipts.size());
      assertEquals(499 * 3L, Schema.decodeUint64(receipts.get(499).value(), "receipt"));
      assertArrayEquals(
          b(1, 2, 3),
          reopened.get(Column.METADATA, Schema.MetaKey.UNSAFE_HEAD.key()).orElseThrow());
      reopened.flush();
      reopened.compact(Column.RECEIPTS);
    }
    try (KeyValueStore again = RocksDbKeyValueStore.open(dbDir(), SMALL)) {
      assertEquals(500, scan(again, Column.RECEIPTS, KeyRange.all()).size());
    }
  }

  @Test
  void opensWithTheDefaultSettings() {
    try (KeyValueStore defaults = RocksDbKeyValueStore.open(directory.resolve("defaults"))) {
      put(defaults, Column.TRIE_NODES, b(1), b(2));
      assertArrayEquals(b(2), defaults.get(Column.TRIE_NODES, b(1)).orElseThrow());
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRefusedAsLocked() {
    StorageException e =
        assertThrows(StorageException.class, () -> RocksDbKeyValueStore.open(dbDir(), SMALL));
    assertEquals(StorageException.Kind.LOCKED, e.kind());
    assertTrue(e.getMessage().contains(dbDir().toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("locked"), e.getMessage());
    // The refused open released everything it built: the first store still works.
    put(store, Column.CODE, b(1), b(1));
    assertArrayEquals(b(1), store.get(Column.CODE, b(1)).orElseThrow());
  }

  @Test
  void anotherSchemaVersionIsRefused() {
    try (WriteBatch batch = store.newBatch()) {
      byte[] key = Schema.MetaKey.SCHEMA_VERSION.key();
      batch.put(Column.METADATA, key, Schema.encodeUint64(Schema.VERSION + 1)).commit();
    }
    store.close();
    StorageException e =
        assertThrows(StorageException.class, () -> RocksDbKeyValueStore.open(dbDir(), SMALL));
    assertEquals(StorageException.Kind.INCOMPATIBLE_SCHEMA, e.kind());
    assertTrue(e.getMessage().contains("version " + (Schema.VERSION + 1)), e.getMessage());
    assertTrue(e.getMessage().contains(dbDir().toAbsolutePath().toString()), e.getMessage());
    // The refused open closed the database again, so it can be reopened (and refused) again.
    assertThrows(StorageException.class, () -> RocksDbKeyValueStore.open(dbDir(), SMALL));
  }

  @Test
  void aDatabaseOfAnotherProgramIsRefused() throws Exception {
    store.close();
    Path foreign = directory.resolve("foreign");
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, foreign.toString())) {
      db.put(
          "hello".getBytes(StandardCharsets.US_ASCII), "world".getBytes(StandardCharsets.US_ASCII));
    }
    StorageException e =
        assertThrows(StorageException.class, () -> RocksDbKeyValueStore.open(foreign, SMALL));
    assertEquals(StorageException.Kind.INCOMPATIBLE_SCHEMA, e.kind());
    assertTrue(e.getMessage().contains("not an Opal database"), e.getMessage());
  }

  @Test
  void missingColumnFamiliesAreCreatedAndUnknownOnesKept() throws Exception {
    store.close();
    Path partial = directory.resolve("partial");
    // A directory as an older build might leave it: only some families, plus one we don't know.
    List<ColumnFamilyDescriptor> descriptors =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
            new ColumnFamilyDescriptor(Column.METADATA.familyNameBytes()),
            new ColumnFamilyDescriptor("retired".getBytes(StandardCharsets.US_ASCII)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(options, partial.toString(), descriptors, handles)) {
      db.put(
          handles.get(1), Schema.MetaKey.SCHEMA_VERSION.key(), Schema.encodeUint64(Schema.VERSION));
      db.put(handles.get(2), b(1), b(1));
      handles.forEach(ColumnFamilyHandle::close);
    }
    try (KeyValueStore reopened = RocksDbKeyValueStore.open(partial, SMALL)) {
      for (Column column : Column.values()) {
        put(reopened, column, b(7), b(column.ordinal()));
      }
      for (Column column : Column.values()) {
        assertArrayEquals(b(column.ordinal()), reopened.get(column, b(7)).orElseThrow());
      }
    }
    List<String> families = new ArrayList<>();
    try (Options options = new Options()) {
      for (byte[] name : RocksDB.listColumnFamilies(options, partial.toString())) {
        families.add(new String(name, StandardCharsets.US_ASCII));
      }
    }
    assertTrue(families.contains("retired"), families.toString());
    for (Column column : Column.values()) {
      assertTrue(families.contains(column.familyName()), column.familyName());
    }
  }

  @Test
  void aDamagedDirectoryIsReportedAsCorrupt() throws Exception {
    put(store, Column.CODE, b(1), b(1));
    store.close();
    Files.writeString(dbDir().resolve("CURRENT"), "garbage-without-newline");
    StorageException e =
        assertThrows(StorageException.class, () -> RocksDbKeyValueStore.open(dbDir(), SMALL));
    assertEquals(StorageException.Kind.CORRUPT, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt database"), e.getMessage());
  }

  @Test
  void aPathThatIsAFileIsAnIoError() throws Exception {
    Path file = Files.writeString(directory.resolve("plain-file"), "x");
    StorageException e =
        assertThrows(StorageException.class, () -> RocksDbKeyValueStore.open(file, SMALL));
    assertEquals(StorageException.Kind.IO, e.kind(), e.getMessage());
  }
}
