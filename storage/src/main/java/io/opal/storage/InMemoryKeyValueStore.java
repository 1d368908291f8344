package io.opal.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link KeyValueStore} held in memory, for unit tests: the same contract as {@link
 * RocksDbKeyValueStore} (the same test suite runs against both) with nothing on disk, so {@link
 * Durability} and the maintenance hooks have nothing to do.
 *
 * <p>Each column is a {@link PersistentTreap}; the store publishes an immutable array of them. A
 * commit builds new treaps from the current ones under a lock and publishes them with one volatile
 * write, so readers never lock, never see half a batch, and a snapshot is just the array it read.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private static final Column[] COLUMNS = Column.values();

  private final Object commitLock = new Object();
  private final CloseGuard guard = new CloseGuard("the in-memory store");
  private volatile PersistentTreap[] columns;

  private InMemoryKeyValueStore() {
    PersistentTreap[] empty = new PersistentTreap[COLUMNS.length];
    java.util.Arrays.fill(empty, PersistentTreap.EMPTY);
    columns = empty;
  }

  /**
   * An empty store stamped with the current {@link Schema#VERSION}, as a new directory would be.
   */
  public static InMemoryKeyValueStore create() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    SchemaVersion.checkOrStamp(store, false, "the in-memory store");
    return store;
  }

  @Override
  public Optional<byte[]> get(Column column, byte[] key) {
    requireOpen();
    return View.get(columns, column, key);
  }

  @Override
  public boolean contains(Column column, byte[] key) {
    requireOpen();
    return View.contains(columns, column, key);
  }

  @Override
  public KeyValueIterator iterator(Column column, KeyRange range) {
    requireOpen();
    return new TreapIterator(columns, column, range, null, guard);
  }

  @Override
  public WriteBatch newBatch() {
    requireOpen();
    return new Batch();
  }

  @Override
  public Snapshot snapshot() {
    requireOpen();
    return new FrozenView(columns);
  }

  @Override
  public void compact(Column column) {
    Objects.requireNonNull(column);
    requireOpen();
  }

  @Override
  public void flush() {
    requireOpen();
  }

  @Override
  public void close() {
    guard.close();
  }

  private void requireOpen() {
    if (guard.isClosed()) {
      throw StorageException.closed("the in-memory store");
    }
  }

  /** Reads shared by the live store and snapshots: both are an array of treaps. */
  private static final class View {
    static Optional<byte[]> get(PersistentTreap[] columns, Column column, byte[] key) {
      Objects.requireNonNull(key, "key");
      byte[] value = columns[column.ordinal()].get(key);
      return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    static boolean contains(PersistentTreap[] columns, Column column, byte[] key) {
      Objects.requireNonNull(key, "key");
      return columns[column.ordinal()].get(key) != null;
    }
  }

  private final class FrozenView implements Snapshot {
    private final PersistentTreap[] frozen;
    private final CloseGuard snapshotGuard = new CloseGuard("the snapshot");

    FrozenView(PersistentTreap[] frozen) {
      this.frozen = frozen;
    }

    @Override
    public Optional<byte[]> get(Column column, byte[] key) {
      requireUsable();
      return View.get(frozen, column, key);
    }

    @Override
    public boolean contains(Column column, byte[] key) {
      requireUsable();
      return View.contains(frozen, column, key);
    }

    @Override
    public KeyValueIterator iterator(Column column, KeyRange range) {
      requireUsable();
      return new TreapIterator(frozen, column, range, snapshotGuard, guard);
    }

    @Override
    public void close() {
      snapshotGuard.close();
    }

    private void requireUsable() {
      requireOpen();
      if (snapshotGuard.isClosed()) {
        throw StorageException.closed("the snapshot");
      }
    }
  }

  /** Walks one frozen treap; fails once it, its snapshot (if any) or the store is closed. */
  private static final class TreapIterator implements KeyValueIterator {
    private final PersistentTreap.Cursor cursor;
    private final CloseGuard snapshotGuard;
    private final CloseGuard storeGuard;
    private boolean closed;

    TreapIterator(
        PersistentTreap[] columns,
        Column column,
        KeyRange range,
        CloseGuard snapshotGuard,
        CloseGuard storeGuard) {
      this.cursor = columns[column.ordinal()].cursor(Objects.requireNonNull(range, "range"));
      this.snapshotGuard = snapshotGuard;
      this.storeGuard = storeGuard;
    }

    @Override
    public boolean hasNext() {
      requireUsable();
      return cursor.hasNext();
    }

    @Override
    public KeyValue next() {
      requireUsable();
      return cursor.next();
    }

    @Override
    public void close() {
      closed = true;
    }

    private void requireUsable() {
      if (closed || storeGuard.isClosed() || (snapshotGuard != null && snapshotGuard.isClosed())) {
        throw StorageException.closed("the iterator");
      }
    }
  }

  private sealed interface Op {
    record Put(Column column, byte[] key, byte[] value) implements Op {}

    record Delete(Column column, byte[] key) implements Op {}

    record DeleteRange(Column column, byte[] from, byte[] toExclusive) implements Op {}
  }

  private final class Batch extends AbstractWriteBatch {
    private final List<Op> ops = new ArrayList<>();

    @Override
    void addPut(Column column, byte[] key, byte[] value) {
      ops.add(new Op.Put(column, key.clone(), value.clone()));
    }

    @Override
    void addDelete(Column column, byte[] key) {
      ops.add(new Op.Delete(column, key.clone()));
    }

    @Override
    void addDeleteRange(Column column, byte[] from, byte[] toExclusive) {
      ops.add(new Op.DeleteRange(column, from.clone(), toExclusive.clone()));
    }

    @Override
    void apply(Durability durability) {
      guard.enter();
      try {
        synchronized (commitLock) {
          PersistentTreap[] next = columns.clone();
          for (Op op : ops) {
            switch (op) {
              case Op.Put p ->
                  next[p.column().ordinal()] = next[p.column().ordinal()].put(p.key(), p.value());
              case Op.Delete d ->
                  next[d.column().ordinal()] = next[d.column().ordinal()].delete(d.key());
              case Op.DeleteRange r ->
                  next[r.column().ordinal()] =
                      next[r.column().ordinal()].deleteRange(r.from(), r.toExclusive());
            }
          }
          columns = next;
        }
      } finally {
        guard.exit();
      }
    }

    @Override
    void release() {
      ops.clear();
    }
  }
}
