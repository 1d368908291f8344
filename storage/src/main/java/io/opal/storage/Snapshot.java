package io.opal.storage;

/**
 * A frozen, consistent read view: every read sees exactly the batches committed before {@link
 * KeyValueStore#snapshot()} returned, never a later one nor part of one.
 *
 * <p>A snapshot keeps old versions of the data alive (on RocksDB it blocks compaction from dropping
 * them), so hold it only as long as the reads that need it: close it with try-with-resources.
 * Closing it closes the iterators opened from it; closing the store closes it. Closing twice is
 * harmless.
 */
public interface Snapshot extends KeyValueReader, AutoCloseable {
  @Override
  void close();
}
