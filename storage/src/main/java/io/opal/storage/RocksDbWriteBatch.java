package io.opal.storage;

import java.util.Set;
import org.rocksdb.RocksDBException;

/** A batch buffered in a native RocksDB write batch and applied with one atomic write. */
final class RocksDbWriteBatch extends AbstractWriteBatch implements NativeChild {
  private final RocksDbKeyValueStore store;
  private final Set<NativeChild> registry;
  private final org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch();

  RocksDbWriteBatch(RocksDbKeyValueStore store, Set<NativeChild> registry) {
    this.store = store;
    this.registry = registry;
    registry.add(this);
  }

  // Each operation enters the store's guard: the native batch resolves the column family handle,
  // which close() frees.

  @Override
  void addPut(Column column, byte[] key, byte[] value) {
    store.guard.enter();
    try {
      batch.put(store.handle(column), key, value);
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, store.location, "adding to a write batch");
    } finally {
      store.guard.exit();
    }
  }

  @Override
  void addDelete(Column column, byte[] key) {
    store.guard.enter();
    try {
      batch.delete(store.handle(column), key);
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, store.location, "adding to a write batch");
    } finally {
      store.guard.exit();
    }
  }

  @Override
  void addDeleteRange(Column column, byte[] from, byte[] toExclusive) {
    store.guard.enter();
    try {
      batch.deleteRange(store.handle(column), from, toExclusive);
    } catch (RocksDBException e) {
      throw RocksDbErrors.translate(e, store.location, "adding to a write batch");
    } finally {
      store.guard.exit();
    }
  }

  @Override
  void apply(Durability durability) {
    store.write(batch, durability);
  }

  @Override
  void release() {
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
    registry.remove(this);
    batch.close();
  }
}
