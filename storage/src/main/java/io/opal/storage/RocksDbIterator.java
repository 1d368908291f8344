package io.opal.storage;

import java.util.NoSuchElementException;
import java.util.Set;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator over one key range. The range's end is handed to RocksDB as the iterate upper
 * bound, so the engine stops at it without reading the blocks beyond.
 */
final class RocksDbIterator implements KeyValueIterator, NativeChild {
  private final RocksDbKeyValueStore store;
  private final CloseGuard snapshotGuard;
  private final Set<NativeChild> registry;
  private final ReadOptions reads;
  private final Slice upperBound;
  private final RocksIterator iterator;
  private volatile boolean closed;

  /** Called inside the store's (and snapshot's) guard. */
  RocksDbIterator(
      RocksDbKeyValueStore store,
      CloseGuard snapshotGuard,
      Set<NativeChild> registry,
      ColumnFamilyHandle handle,
      org.rocksdb.Snapshot snapshot,
      KeyRange range) {
    this.store = store;
    this.snapshotGuard = snapshotGuard;
    this.registry = registry;
    this.reads = new ReadOptions();
    this.upperBound = range.end().map(Slice::new).orElse(null);
    if (snapshot != null) {
      reads.setSnapshot(snapshot);
    }
    if (upperBound != null) {
      reads.setIterateUpperBound(upperBound);
    }
    this.iterator = store.db.newIterator(handle, reads);
    iterator.seek(range.start());
    registry.add(this);
  }

  @Override
  public boolean hasNext() {
    store.enter(snapshotGuard);
    try {
      requireOpen();
      if (iterator.isValid()) {
        return true;
      }
      checkStatus();
      return false;
    } finally {
      store.exit(snapshotGuard);
    }
  }

  @Override
  public KeyValue next() {
    store.enter(snapshotGuard);
    try {
      requireOpen();
      if (!iterator.isValid()) {
        checkStatus();
        throw new NoSuchElementException("the iterator is past the end of its range");
      }
      KeyValue entry = new KeyValue(iterator.key(), iterator.value());
      iterator.next();
      return entry;
    } finally {
      store.exit(snapshotGuard);
    }
  }

  @Override
  public void close() {
    try {
      store.enter(snapshotGuard);
    } catch (StorageException closed) {
      return; // the store or snapshot released it, or is about to
    }
    try {
      releaseByOwner();
    } finally {
      store.exit(snapshotGuard);
    }
  }

  @Override
  public void releaseByOwner() {
    if (closed) {
      return;
    }
    closed = true;
    registry.remove(this);
    iterator.close();
    reads.close();
    if (upperBound != null) {
      upperBound.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw StorageException.closed("the iterator");
    }
  }

  private void checkStatus() {
    try {
      iterator.status();
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, store.location, "iterating");
    }
  }
}
