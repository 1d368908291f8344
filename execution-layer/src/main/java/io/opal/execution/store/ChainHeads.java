package io.opal.execution.store;

import io.opal.storage.BlockKey;
import java.util.Objects;

/**
 * The three L2 heads: unsafe (the tip: sequenced or gossiped), safe (derived from L1 data) and
 * finalized (derived from finalized L1 data), with {@code finalized <= safe <= unsafe} by number.
 */
public record ChainHeads(BlockKey unsafe, BlockKey safe, BlockKey finalized) {
  public ChainHeads {
    Objects.requireNonNull(unsafe, "unsafe");
    Objects.requireNonNull(safe, "safe");
    Objects.requireNonNull(finalized, "finalized");
    if (finalized.number() > safe.number() || safe.number() > unsafe.number()) {
      throw new IllegalArgumentException(
          "heads out of order: finalized " + finalized + ", safe " + safe + ", unsafe " + unsafe);
    }
  }

  /** All three heads at one block (a fresh chain at genesis). */
  public static ChainHeads at(BlockKey block) {
    return new ChainHeads(block, block, block);
  }

  public ChainHeads withUnsafe(BlockKey block) {
    return new ChainHeads(block, safe, finalized);
  }
}
