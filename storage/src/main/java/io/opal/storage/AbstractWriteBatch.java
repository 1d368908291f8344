package io.opal.storage;

import io.opal.primitives.Hex;
import java.util.Arrays;
import java.util.Objects;

/** The checks and the commit-once lifecycle every {@link WriteBatch} shares. */
abstract class AbstractWriteBatch implements WriteBatch {
  private int size;
  private boolean finished;

  @Override
  public final WriteBatch put(Column column, byte[] key, byte[] value) {
    requireOpen();
    addPut(
        Objects.requireNonNull(column), Objects.requireNonNull(key), Objects.requireNonNull(value));
    size++;
    return this;
  }

  @Override
  public final WriteBatch delete(Column column, byte[] key) {
    requireOpen();
    addDelete(Objects.requireNonNull(column), Objects.requireNonNull(key));
    size++;
    return this;
  }

  @Override
  public final WriteBatch deleteRange(Column column, byte[] from, byte[] toExclusive) {
    requireOpen();
    Objects.requireNonNull(column);
    int order = Arrays.compareUnsigned(from, toExclusive);
    if (order > 0) {
      throw new IllegalArgumentException(
          "range delete start "
              + Hex.encode(from)
              + " is after its end "
              + Hex.encode(toExclusive));
    }
    if (order < 0) {
      addDeleteRange(column, from, toExclusive);
      size++;
    }
    return this;
  }

  @Override
  public final int size() {
    return size;
  }

  @Override
  public final void commit(Durability durability) {
    requireOpen();
    Objects.requireNonNull(durability);
    finished = true;
    try {
      apply(durability);
    } finally {
      release();
    }
  }

  @Override
  public final void close() {
    if (!finished) {
      finished = true;
      release();
    }
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the write batch was already committed or closed");
    }
  }

  abstract void addPut(Column column, byte[] key, byte[] value);

  abstract void addDelete(Column column, byte[] key);

  abstract void addDeleteRange(Column column, byte[] from, byte[] toExclusive);

  /** Applies the operations atomically; called at most once. */
  abstract void apply(Durability durability);

  /** Frees what the batch holds; called exactly once, after {@link #apply} or instead of it. */
  abstract void release();
}
