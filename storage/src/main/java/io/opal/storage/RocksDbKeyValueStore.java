package io.opal.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The node's {@link KeyValueStore}: one RocksDB database with a column family per {@link Column}, a
 * write-ahead log (so a committed batch survives a crash of the process), a block cache shared by
 * all columns, bloom filters for point lookups, LZ4/ZSTD compression (see {@link RocksDbTuning}).
 *
 * <p>Every native handle is owned here and released by {@link #close()}, after the calls in
 * progress finish and the snapshots, iterators and batches still open are closed, so a caller that
 * forgets one leaks nothing past the store and no call can touch freed memory.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] DEFAULT_FAMILY = RocksDB.DEFAULT_COLUMN_FAMILY;

  final String location;
  final RocksDB db;
  private final RocksDbTuning tuning;
  private final List<ColumnFamilyHandle> allHandles;
  private final ColumnFamilyHandle[] handles;
  private final WriteOptions bufferedWrites = new WriteOptions();
  private final WriteOptions syncedWrites = new WriteOptions().setSync(true);
  private final ReadOptions liveReads = new ReadOptions();
  final CloseGuard guard;

  /** Snapshots, iterators and batches not yet closed, released by {@link #close()}. */
  private final Set<NativeChild> children = ConcurrentHashMap.newKeySet();

  private RocksDbKeyValueStore(
      String location, RocksDB db, RocksDbTuning tuning, List<ColumnFamilyHandle> allHandles) {
    this.location = location;
    this.db = db;
    this.tuning = tuning;
    this.allHandles = allHandles;
    this.guard = new CloseGuard("the store on " + location);
    this.handles = new ColumnFamilyHandle[Column.values().length];
    // The handles come back in descriptor order: default first, then the schema's columns.
    for (Column column : Column.values()) {
      handles[column.ordinal()] = allHandles.get(1 + column.ordinal());
    }
  }

  /** Opens or creates the database in {@code directory} with {@link RocksDbSettings#defaults()}. */
  public static RocksDbKeyValueStore open(Path directory) {
    return open(directory, RocksDbSettings.defaults());
  }

  /**
   * Opens or creates the database in {@code directory}, creating missing column families, and
   * checks its {@link Schema#VERSION}.
   *
   * @throws StorageException {@code LOCKED} if another process has it open, {@code
   *     INCOMPATIBLE_SCHEMA} if it was written by another schema version or is not an Opal
   *     database, {@code CORRUPT} or {@code IO} if it cannot be read
   */
  public static RocksDbKeyValueStore open(Path directory, RocksDbSettings settings) {
    String location = "the data directory " + directory.toAbsolutePath();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StorageException(
          StorageException.Kind.IO,
          "cannot create " + location + " (" + e + "); check the path and its permissions",
          e);
    }
    boolean existed = Files.exists(directory.resolve("CURRENT"));
    List<byte[]> foreign = existed ? foreignFamilies(directory, location) : List.of();

    RocksDbTuning tuning = new RocksDbTuning(settings);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(DEFAULT_FAMILY, tuning.columnOptions));
    for (Column column : Column.values()) {
      descriptors.add(new ColumnFamilyDescriptor(column.familyNameBytes(), tuning.columnOptions));
    }
    for (byte[] name : foreign) {
      descriptors.add(new ColumnFamilyDescriptor(name, tuning.columnOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db;
    try {
      db = RocksDB.open(tuning.dbOptions, directory.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      handles.forEach(ColumnFamilyHandle::close);
      tuning.close();
      throw RocksDbErrors.translate(e, location, "opening it");
    }
    RocksDbKeyValueStore store = new RocksDbKeyValueStore(location, db, tuning, handles);
    try {
      boolean foreignData = !foreign.isEmpty() || store.defaultFamilyHoldsData();
      SchemaVersion.checkOrStamp(store, foreignData, location);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Column families on disk that the schema does not know (another program's, or a newer one). */
  private static List<byte[]> foreignFamilies(Path directory, String location) {
    Set<String> known = new HashSet<>();
    known.add(new String(DEFAULT_FAMILY, StandardCharsets.US_ASCII));
    for (Column column : Column.values()) {
      known.add(column.familyName());
    }
    try (Options options = new Options()) {
      List<byte[]> foreign = new ArrayList<>();
      for (byte[] name : RocksDB.listColumnFamilies(options, directory.toString())) {
        if (!known.contains(new String(name, StandardCharsets.ISO_8859_1))) {
          foreign.add(name);
        }
      }
      return foreign;
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, location, "listing its column families");
    }
  }

  private boolean defaultFamilyHoldsData() {
    try (var it = db.newIterator(allHandles.get(0))) {
      it.seekToFirst();
      return it.isValid();
    }
  }

  @Override
  public Optional<byte[]> get(Column column, byte[] key) {
    return read(liveReads, null, column, key);
  }

  @Override
  public boolean contains(Column column, byte[] key) {
    return contains(liveReads, null, column, key);
  }

  @Override
  public KeyValueIterator iterator(Column column, KeyRange range) {
    return openIterator(null, null, children, column, range);
  }

  @Override
  public WriteBatch newBatch() {
    guard.enter();
    try {
      return new RocksDbWriteBatch(this, children);
    } finally {
      guard.exit();
    }
  }

  @Override
  public Snapshot snapshot() {
    guard.enter();
    try {
      return new RocksDbSnapshot(this, children);
    } finally {
      guard.exit();
    }
  }

  @Override
  public void compact(Column column) {
    ColumnFamilyHandle handle = handle(column);
    guard.enter();
    try {
      db.compactRange(handle);
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, location, "compacting column " + column.familyName());
    } finally {
      guard.exit();
    }
  }

  @Override
  public void flush() {
    guard.enter();
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      db.flush(options, allHandles);
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, location, "flushing memtables");
    } finally {
      guard.exit();
    }
  }

  @Override
  public void close() {
    if (!guard.close()) {
      return;
    }
    for (NativeChild child : children.toArray(NativeChild[]::new)) {
      child.releaseByOwner();
    }
    allHandles.forEach(ColumnFamilyHandle::close);
    try {
      db.closeE();
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, location, "closing it");
    } finally {
      liveReads.close();
      bufferedWrites.close();
      syncedWrites.close();
      tuning.close();
    }
  }

  // Shared by the live store and snapshots: `snapshotGuard` is null on the live store.

  Optional<byte[]> read(ReadOptions options, CloseGuard snapshotGuard, Column column, byte[] key) {
    ColumnFamilyHandle handle = handle(column);
    Objects.requireNonNull(key, "key");
    enter(snapshotGuard);
    try {
      return Optional.ofNullable(db.get(handle, options, key));
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, location, "reading column " + column.familyName());
    } finally {
      exit(snapshotGuard);
    }
  }

  boolean contains(ReadOptions options, CloseGuard snapshotGuard, Column column, byte[] key) {
    ColumnFamilyHandle handle = handle(column);
    Objects.requireNonNull(key, "key");
    enter(snapshotGuard);
    try {
      // The bloom filter answers most absent keys without reading a block.
      return db.keyMayExist(handle, options, key, null) && db.get(handle, options, key) != null;
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, location, "reading column " + column.familyName());
    } finally {
      exit(snapshotGuard);
    }
  }

  KeyValueIterator openIterator(
      org.rocksdb.Snapshot snapshot,
      CloseGuard snapshotGuard,
      Set<NativeChild> registry,
      Column column,
      KeyRange range) {
    ColumnFamilyHandle handle = handle(column);
    Objects.requireNonNull(range, "range");
    enter(snapshotGuard);
    try {
      return new RocksDbIterator(this, snapshotGuard, registry, handle, snapshot, range);
    } finally {
      exit(snapshotGuard);
    }
  }

  void write(org.rocksdb.WriteBatch batch, Durability durability) {
    guard.enter();
    try {
      db.write(durability == Durability.SYNCED ? syncedWrites : bufferedWrites, batch);
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, location, "committing a write batch");
    } finally {
      guard.exit();
    }
  }

  ColumnFamilyHandle handle(Column column) {
    return handles[Objects.requireNonNull(column, "column").ordinal()];
  }

  /** Enters the store's guard and, for snapshot reads, the snapshot's, in that order. */
  void enter(CloseGuard snapshotGuard) {
    guard.enter();
    if (snapshotGuard != null) {
      try {
        snapshotGuard.enter();
      } catch (StorageException e) {
        guard.exit();
        throw e;
      }
    }
  }

  void exit(CloseGuard snapshotGuard) {
    if (snapshotGuard != null) {
      snapshotGuard.exit();
    }
    guard.exit();
  }

  @Override
  public String toString() {
    return "RocksDbKeyValueStore[" + location + "]";
  }
}
