package io.opal.consensus.l1;

import io.opal.primitives.Hash;

/**
 * What the rollup node remembers of an L1 block: enough to name it, to check that the next block
 * builds on it and to time L2 blocks against it.
 *
 * @param number unsigned 64-bit
 * @param timestamp seconds, unsigned 64-bit
 */
public record L1BlockRef(Hash hash, long number, Hash parentHash, long timestamp) {

  /** Whether {@code next} is this block's child: one higher and naming this block as parent. */
  public boolean isParentOf(L1BlockRef next) {
    return next.number == number + 1 && next.parentHash.equals(hash);
  }

  @Override
  public String toString() {
    return "#" + Long.toUnsignedString(number) + " " + hash;
  }
}
