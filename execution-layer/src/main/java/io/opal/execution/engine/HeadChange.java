package io.opal.execution.engine;

import io.opal.execution.store.ChainHeads;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.Receipt;
import java.util.List;

/**
 * The unsafe head moved. {@code added} are the blocks that became canonical, oldest first, each
 * with its receipts; {@code removed} the blocks a reorg abandoned, newest first (empty when the
 * chain only grew). The new head is the last of {@code added}, or after a pure rewind the common
 * ancestor (then {@code added} is empty and {@link #head} is read from {@code heads}).
 */
public record HeadChange(ChainHeads heads, List<CanonicalBlock> added, List<Block> removed) {
  public HeadChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** A block that joined the canonical chain, with its receipts (for logs subscriptions). */
  public record CanonicalBlock(Block block, List<Receipt> receipts) {
    public CanonicalBlock {
      receipts = List.copyOf(receipts);
    }
  }

  /** Whether blocks were abandoned. */
  public boolean isReorg() {
    return !removed.isEmpty();
  }
}
