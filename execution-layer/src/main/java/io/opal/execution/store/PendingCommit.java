package io.opal.execution.store;

import io.opal.primitives.Hash;
import io.opal.storage.WriteBatch;
import java.util.List;
import java.util.Objects;

/**
 * The atomic commit batch of a block being built, opened by {@link ChainDatabase#openCommit} and
 * filled ahead by {@link ChainDatabase#stageState} while the build job waits for transactions: the
 * flat-state changes and transaction lookups known so far go into it then, so that {@link
 * ChainDatabase#commitBlock(io.opal.primitives.block.Block, List, BlockState, PendingCommit,
 * java.util.function.Consumer) commitBlock} only adds the header, body, receipts, diff, canonical
 * index and heads, and writes it. Nothing in it reaches the store before that one write: a job
 * cancelled or abandoned closes it, and its contents are dropped.
 *
 * <p>Only a block on the flat head gets anything ahead (its flat changes and lookups belong in the
 * commit only if it becomes the head); for any other block the batch stays empty until the commit.
 *
 * <p>Used by one thread at a time, handed from the job's filler to the sealing thread with a
 * happens-before edge (the filler's end).
 */
public final class PendingCommit implements AutoCloseable {
  private final WriteBatch batch;
  private final BlockState state;
  private final long blockNumber;
  private int lookups;

  PendingCommit(WriteBatch batch, BlockState state, long blockNumber) {
    this.batch = batch;
    this.state = Objects.requireNonNull(state);
    this.blockNumber = blockNumber;
  }

  /** Adds lookups of {@code txHashes} (the block's transactions so far, in order) not yet added. */
  void addLookups(List<Hash> txHashes) {
    if (!state.isOnFlatHead()) {
      return;
    }
    for (int i = lookups; i < txHashes.size(); i++) {
      ChainStore.putTxLookup(batch, txHashes.get(i), blockNumber, i);
    }
    lookups = Math.max(lookups, txHashes.size());
  }

  WriteBatch batch() {
    return batch;
  }

  BlockState state() {
    return state;
  }

  long blockNumber() {
    return blockNumber;
  }

  /** Transactions whose lookups are in the batch: the first this many of the block. */
  int lookupsAdded() {
    return lookups;
  }

  /** The number of operations in the batch so far. */
  public int size() {
    return batch.size();
  }

  /** Drops the batch unless it was committed. */
  @Override
  public void close() {
    batch.close();
  }
}
