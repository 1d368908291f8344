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
 *     receipts, state diff, canonical index, heads) unless it was prepared ahead, and writing it
 * @param writeNanos part of {@code commitNanos} from the batch being complete to the end: the
 *     store's write of the batch, and the head listeners
 * @param preparedAhead whether the block and its batch were the ones the job prepared at its last
 *     idle moment (no transaction came after), so that sealing only wrote the batch
 */
public record SealedBlock(
    ExecutedBlock executed,
    BlockKey key,
    long executionNanos,
    long sealNanos,
    long stopNanos,
    long commitNanos,
    long writeNanos,
    boolean preparedAhead) {

  public Block block() {
    return executed.block();
  }

  /** Seal time beyond transaction execution: what sealing costs on top of building. */
  public long overheadNanos() {
    return sealNanos - stopNanos;
  }
}
