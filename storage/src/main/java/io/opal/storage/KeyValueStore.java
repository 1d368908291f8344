package io.opal.storage;

/**
 * A key-value store with one keyspace per {@link Column}: the storage contract every owner (chain
 * store, world state, txpool, batcher, proposer, p2p) builds on.
 *
 * <ul>
 *   <li><b>Reads</b> ({@link KeyValueReader}) are thread-safe and need no snapshot; each sees only
 *       whole batches.
 *   <li><b>Writes</b> go through a {@link WriteBatch} from {@link #newBatch()}, atomic across
 *       columns; a committed batch survives a crash of the process ({@link Durability}).
 *   <li><b>Order</b>: keys are ordered as unsigned bytes, shorter first when one is a prefix of the
 *       other; {@link Schema} encodes numbers big-endian so that this order is numeric order.
 *   <li><b>Snapshots</b> from {@link #snapshot()} freeze a consistent view until closed.
 *   <li><b>Lifetime</b>: {@link #close()} waits for reads and commits in progress, then closes
 *       every snapshot and iterator still open and releases all resources; any later call on the
 *       store or on those objects throws {@link StorageException} of kind {@link
 *       StorageException.Kind#CLOSED}. Closing twice is harmless.
 * </ul>
 */
public interface KeyValueStore extends KeyValueReader, AutoCloseable {

  /** A new, empty batch bound to this store. */
  WriteBatch newBatch();

  /** A consistent view of everything committed so far; close it when done. */
  Snapshot snapshot();

  /**
   * Rewrites {@code column}'s files to drop deleted and overwritten data and reclaim disk space,
   * blocking until done; after a large range delete, say. A no-op where nothing is on disk.
   */
  void compact(Column column);

  /**
   * Writes buffered data of every column from memory into table files and syncs the write-ahead
   * log, so that a restart replays nothing. Not needed for durability (the log already gives it).
   */
  void flush();

  @Override
  void close();
}
