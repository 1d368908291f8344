package io.opal.consensus.rollup;

import io.opal.consensus.l1.L1BlockRef;
import java.util.Objects;

/**
 * Where the rollup node stands (op-node's {@code eth.SyncStatus}, the fields Opal has so far).
 *
 * @param currentL1 the L1 block the node has processed up to (the unsafe head's origin while only
 *     sequencing)
 * @param headL1 the newest L1 block seen
 * @param safeL1 L1's {@code safe} block as last seen
 * @param finalizedL1 L1's {@code finalized} block as last seen
 * @param unsafeL2 the unsafe L2 head
 * @param safeL2 the safe L2 head
 * @param finalizedL2 the finalized L2 head
 */
public record SyncStatus(
    L1BlockRef currentL1,
    L1BlockRef headL1,
    L1BlockRef safeL1,
    L1BlockRef finalizedL1,
    L2BlockRef unsafeL2,
    L2BlockRef safeL2,
    L2BlockRef finalizedL2) {
  public SyncStatus {
    Objects.requireNonNull(currentL1, "currentL1");
    Objects.requireNonNull(headL1, "headL1");
    Objects.requireNonNull(safeL1, "safeL1");
    Objects.requireNonNull(finalizedL1, "finalizedL1");
    Objects.requireNonNull(unsafeL2, "unsafeL2");
    Objects.requireNonNull(safeL2, "safeL2");
    Objects.requireNonNull(finalizedL2, "finalizedL2");
  }
}
