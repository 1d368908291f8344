package io.opal.storage;

/**
 * Tuning of a {@link RocksDbKeyValueStore}. Memory figures are budgets for the whole store, not per
 * column, except {@link #writeBufferBytes}.
 *
 * @param blockCacheBytes the LRU cache of uncompressed blocks, index and filter blocks, shared by
 *     every column; the main read-performance knob
 * @param writeBufferBytes the size at which one column's memtable is frozen and flushed to disk
 * @param memtableBudgetBytes the total memory all memtables may use before the largest is flushed;
 *     charged to the block cache, so that {@code blockCacheBytes} bounds blocks and memtables
 *     together
 * @param backgroundJobs threads for flushes and compactions
 */
public record RocksDbSettings(
    long blockCacheBytes, long writeBufferBytes, long memtableBudgetBytes, int backgroundJobs) {
  private static final long MIB = 1L << 20;

  public RocksDbSettings {
    if (blockCacheBytes < MIB || writeBufferBytes < MIB || memtableBudgetBytes < writeBufferBytes) {
      throw new IllegalArgumentException(
          "RocksDB needs at least 1 MiB of block cache and of write buffer, and a memtable budget"
              + " no smaller than one write buffer; got cache="
              + blockCacheBytes
              + ", write buffer="
              + writeBufferBytes
              + ", memtable budget="
              + memtableBudgetBytes);
    }
    if (backgroundJobs < 1) {
      throw new IllegalArgumentException(
          "backgroundJobs must be at least 1, got " + backgroundJobs);
    }
  }

  /**
   * 256 MiB of cache of which memtables may take up to 128 MiB (64 MiB each), and one background
   * job per core (at least two, so a long compaction never blocks flushes).
   */
  public static RocksDbSettings defaults() {
    return new RocksDbSettings(
        256 * MIB, 64 * MIB, 128 * MIB, Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** The same settings with another block cache size. */
  public RocksDbSettings withBlockCacheBytes(long bytes) {
    return new RocksDbSettings(bytes, writeBufferBytes, memtableBudgetBytes, backgroundJobs);
  }
}
