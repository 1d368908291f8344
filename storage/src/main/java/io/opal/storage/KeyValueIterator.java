package io.opal.storage;

import java.util.Iterator;

/**
 * An ordered scan over one column, from {@link KeyValueReader#iterator}. Must be closed (it may pin
 * files and memory of the store); closing twice is harmless. After the iterator, its snapshot or
 * its store is closed, {@link #hasNext()} and {@link #next()} throw {@link StorageException} of
 * kind {@link StorageException.Kind#CLOSED}.
 */
public interface KeyValueIterator extends Iterator<KeyValue>, AutoCloseable {
  @Override
  void close();
}
