package io.opal.execution.engine;

import io.opal.execution.op.ExecutedBlock;
import io.opal.primitives.block.Block;
import io.opal.storage.BlockKey;

/**
 * A block a build job sealed and committed as the unsafe head.
 *
 * @param executed the block with its receipts and per-transaction details
 * @param executionNanos time spent executing transactions (forced and pool), on the job's thread
 * @param sealNanos wall time of {@link BuildJob#seal()}: stopping the filler, finishing the state
 *     root, the header and committing the batch
 * @param stopNanos part of {@code sealNanos} spent waiting for the transaction being executed when
 *     seal was called
 * @param commitNanos part of {@code sealNanos} spent committing: filling the write batch (block,
 *     receipts, trie nodes, state diff, flat state, indexes) and writing it
 * @param writeNanos part of {@code commitNanos} from the batch being complete to the end: the
 *     store's write of the batch, and the head listeners
 */
public record SealedBlock(
    ExecutedBlock executed,
    BlockKey key,
    long executionNanos,
    long sealNanos,
    long stopNanos,
    long commitNanos,
    long writeNanos) {

  public Block block() {
    return executed.block();
  }

  /** Seal time beyond transaction execution: what sealing costs on top of building. */
  public long overheadNanos() {
    return sealNanos - stopNanos;
  }
}
