package io.opal.storage;

import java.util.Optional;

/**
 * Reads from one view of the data: the live {@link KeyValueStore} or a frozen {@link Snapshot}.
 *
 * <p>Every method may be called from any number of threads at once. Keys and values are compared
 * and ordered as unsigned bytes. Arrays passed in are only read; arrays returned are fresh copies
 * the caller owns.
 *
 * <p>On the live store each call sees every batch committed before it started and no part of a
 * batch still committing; two separate calls may see different states. For several reads that must
 * agree with each other, take a {@link KeyValueStore#snapshot()}.
 *
 * <p>Once the view is closed every method throws {@link StorageException} of kind {@link
 * StorageException.Kind#CLOSED}.
 */
public interface KeyValueReader {

  /**
   * The value stored under {@code key} in {@code column}, or empty. Absence is an {@code Optional}
   * rather than {@code null} (the house rule); on the hot path the JIT usually removes the wrapper
   * once the call is inlined, and the lookup itself costs far more.
   */
  Optional<byte[]> get(Column column, byte[] key);

  /** Whether {@code column} holds {@code key}; may be cheaper than {@link #get} for absent keys. */
  boolean contains(Column column, byte[] key);

  /**
   * The entries of {@code column} whose keys lie in {@code range}, in ascending unsigned byte order
   * of key. The iterator is a consistent view as of its creation (on the live store it does not see
   * later commits). It holds native resources: close it, with try-with-resources. Closing the view
   * it came from closes it too. An iterator is for one thread at a time.
   */
  KeyValueIterator iterator(Column column, KeyRange range);
}
