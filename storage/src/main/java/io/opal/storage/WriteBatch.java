package io.opal.storage;

/**
 * A group of writes, possibly to several columns, that {@link #commit} applies atomically: after a
 * crash at any moment, and to every reader at every moment, either all of them happened or none.
 * This is how a block, its state changes and the head pointer that names it are written together.
 *
 * <p>Operations apply in the order they were added: a put after a delete of the same key stores the
 * value, a delete after a put removes it. Arrays are copied when added, so the caller may reuse
 * them.
 *
 * <p>A batch is used by one thread and commits at most once; afterwards (or after {@link #close()})
 * adding to it or committing again throws {@link IllegalStateException}. Close every batch, with
 * try-with-resources: closing a batch that was not committed discards it. Batches committed by
 * different threads are applied one after another, each atomically; the node's design gives each
 * column a single writer, so nothing here orders one owner's batches against another's.
 */
public interface WriteBatch extends AutoCloseable {

  WriteBatch put(Column column, byte[] key, byte[] value);

  WriteBatch delete(Column column, byte[] key);

  /**
   * Deletes every key {@code k} of {@code column} with {@code from <= k < toExclusive} (unsigned
   * byte order), present when the batch commits; a range with {@code from} equal to {@code
   * toExclusive} deletes nothing. Use {@link KeyRange#prefixEnd} to delete by prefix.
   *
   * @throws IllegalArgumentException if {@code from} is after {@code toExclusive}
   */
  WriteBatch deleteRange(Column column, byte[] from, byte[] toExclusive);

  /** The number of operations added so far. */
  int size();

  /** Applies the batch with {@link Durability#PROCESS_CRASH_SAFE}. */
  default void commit() {
    commit(Durability.PROCESS_CRASH_SAFE);
  }

  /**
   * Applies every operation atomically and returns once the batch is visible to readers and as
   * durable as {@code durability} asks.
   *
   * @throws StorageException if the store is closed or the write failed (then nothing was applied)
   */
  void commit(Durability durability);

  @Override
  void close();
}
