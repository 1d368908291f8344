/**
 * Key-value storage: column families, atomic write batches, RocksDB and in-memory stores, and the
 * schema that owns every column.
 */
package io.opal.storage;
