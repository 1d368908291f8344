package io.opal.consensus.rollup;

import io.opal.primitives.Hash;
import java.util.Objects;

/**
 * What the rollup node remembers of an L2 block (op-node's {@code eth.L2BlockRef}): its identity,
 * time, the L1 block it was derived from or sequenced against, and its position in that epoch.
 *
 * @param number unsigned 64-bit
 * @param timestamp seconds, unsigned 64-bit
 * @param sequenceNumber the block's index within its L1 origin's epoch (0 for the first)
 */
public record L2BlockRef(
    Hash hash,
    long number,
    Hash parentHash,
    long timestamp,
    BlockId l1Origin,
    long sequenceNumber) {
  public L2BlockRef {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(l1Origin, "l1Origin");
  }

  public BlockId id() {
    return new BlockId(hash, number);
  }

  @Override
  public String toString() {
    return "#" + Long.toUnsignedString(number) + " " + hash + " (L1 origin " + l1Origin + ")";
  }
}
