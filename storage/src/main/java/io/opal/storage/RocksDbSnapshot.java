package io.opal.storage;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ReadOptions;

/** A RocksDB snapshot (a pinned sequence number) and the read options that read at it. */
final class RocksDbSnapshot implements Snapshot, NativeChild {
  private final RocksDbKeyValueStore store;
  private final Set<NativeChild> registry;
  private final org.rocksdb.Snapshot snapshot;
  private final ReadOptions reads;
  private final CloseGuard guard = new CloseGuard("the snapshot");
  private final Set<NativeChild> iterators = ConcurrentHashMap.newKeySet();

  RocksDbSnapshot(RocksDbKeyValueStore store, Set<NativeChild> registry) {
    this.store = store;
    this.registry = registry;
    this.snapshot = store.db.getSnapshot();
    this.reads = new ReadOptions().setSnapshot(snapshot);
    registry.add(this);
  }

  @Override
  public Optional<byte[]> get(Column column, byte[] key) {
    return store.read(reads, guard, column, key);
  }

  @Override
  public boolean contains(Column column, byte[] key) {
    return store.contains(reads, guard, column, key);
  }

  @Override
  public KeyValueIterator iterator(Column column, KeyRange range) {
    return store.openIterator(snapshot, guard, iterators, column, range);
  }

  @Override
  public void close() {
    try {
      store.guard.enter();
    } catch (StorageException closed) {
      return; // the store released it, or is about to
    }
    try {
      releaseByOwner();
    } finally {
      store.guard.exit();
    }
  }

  @Override
  public void releaseByOwner() {
    if (!guard.close()) {
      return;
    }
    for (NativeChild iterator : iterators.toArray(NativeChild[]::new)) {
      iterator.releaseByOwner();
    }
    registry.remove(this);
    store.db.releaseSnapshot(snapshot);
    reads.close();
  }
}
