/**
 * Key-value storage: column families, atomic write batches, RocksDB and in-memory stores, and the
 * schema that owns every column.
 *
 * <p>The API is {@link io.opal.storage.KeyValueStore} (the live store), {@link
 * io.opal.storage.WriteBatch} (the only way to write), {@link io.opal.storage.Snapshot} (a frozen
 * read view) and {@link io.opal.storage.KeyValueIterator} (ordered scans). {@link
 * io.opal.storage.Column} lists every column family and {@link io.opal.storage.Schema} owns the key
 * encodings and the schema version, so that no two owners ever share a column or invent
 * incompatible keys.
 *
 * <p>Two implementations share one contract, exercised by one test suite: {@link
 * io.opal.storage.RocksDbKeyValueStore} for nodes and {@link io.opal.storage.InMemoryKeyValueStore}
 * for unit tests.
 *
 * <pre>
 *   owner (chain store, txpool, batcher...)          readers (RPC, txpool, sync...)
 *        |  newBatch().put/delete/deleteRange...          |  get / contains / iterator
 *        v  commit(SYNCED)  -- atomic across columns       v  snapshot() for a frozen view
 *   KeyValueStore  ----------------------------------------+
 *        |-- RocksDbKeyValueStore   (WAL, column families, block cache, bloom filters)
 *        '-- InMemoryKeyValueStore  (persistent treaps, copy-free snapshots)
 * </pre>
 */
package io.opal.storage;
