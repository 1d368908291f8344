package io.opal.storage;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Priority;
import org.rocksdb.WriteBufferManager;

/**
 * The native option objects of one store, built from {@link RocksDbSettings}. They must outlive the
 * database handle (RocksDB keeps pointers into them), so the store closes this after the database.
 */
final class RocksDbTuning implements AutoCloseable {
  private static final int BLOOM_BITS_PER_KEY = 10;
  private static final long BLOCK_SIZE = 16 * 1024;
  private static final long MIB = 1L << 20;

  final DBOptions dbOptions;
  final ColumnFamilyOptions columnOptions;
  private final List<AutoCloseable> owned = new ArrayList<>();

  RocksDbTuning(RocksDbSettings settings) {
    try {
      LRUCache cache = own(new LRUCache(settings.blockCacheBytes()));
      BloomFilter bloom = own(new BloomFilter(BLOOM_BITS_PER_KEY));
      WriteBufferManager memtables =
          own(new WriteBufferManager(settings.memtableBudgetBytes(), cache));

      BlockBasedTableConfig table =
          new BlockBasedTableConfig()
              .setBlockCache(cache)
              .setBlockSize(BLOCK_SIZE)
              // Point lookups (trie nodes, code, headers by hash) mostly ask for keys that exist
              // or skip whole files thanks to the filter; keeping index and filter blocks in the
              // cache bounds their memory, and pinning L0's avoids re-reading the hottest ones.
              .setFilterPolicy(bloom)
              .setCacheIndexAndFilterBlocks(true)
              .setCacheIndexAndFilterBlocksWithHighPriority(true)
              .setPinL0FilterAndIndexBlocksInCache(true);

      columnOptions =
          own(new ColumnFamilyOptions())
              .setTableFormatConfig(table)
              .setWriteBufferSize(settings.writeBufferBytes())
              // Upper levels are rewritten often: fast LZ4. The bottommost level holds ~90% of the
              // data and is rewritten rarely: ZSTD for its better ratio.
              .setCompressionType(CompressionType.LZ4_COMPRESSION)
              .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
              .setLevelCompactionDynamicLevelBytes(true);

      // Compactions run at the lowest CPU and I/O priority: on a machine of two cores they would
      // otherwise take a core from the block sealer for milliseconds at a time. Flushes keep the
      // normal priority, so that memtables never back up and stall writes.
      Env env = Env.getDefault();
      env.lowerThreadPoolCPUPriority(Priority.LOW);
      env.lowerThreadPoolIOPriority(Priority.LOW);
      dbOptions =
          own(new DBOptions())
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              .setMaxBackgroundJobs(settings.backgroundJobs())
              .setWriteBufferManager(memtables)
              // Rarely written columns (metadata, peerstore) would otherwise pin old WAL files.
              .setMaxTotalWalSize(4 * settings.memtableBudgetBytes())
              .setBytesPerSync(MIB)
              .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
              .setKeepLogFileNum(4)
              .setMaxLogFileSize(16 * MIB)
              // One writer (the engine): a plain skiplist insert is cheaper than the CAS-based
              // concurrent one, and the write thread needs no adaptive spinning.
              .setAllowConcurrentMemtableWrite(false)
              .setEnableWriteThreadAdaptiveYield(false);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private <T extends AutoCloseable> T own(T resource) {
    owned.add(resource);
    return resource;
  }

  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        // Native option objects only free memory on close; nothing useful to report.
      }
    }
    owned.clear();
  }
}
