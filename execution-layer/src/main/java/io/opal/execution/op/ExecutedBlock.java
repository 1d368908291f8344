package io.opal.execution.op;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.Receipt;
import java.util.List;

/**
 * A sealed block with its receipts and per-transaction details. The world state the block was
 * executed on holds its post-state.
 */
public record ExecutedBlock(Block block, Hash hash, List<ExecutedTransaction> transactions) {
  public ExecutedBlock {
    transactions = List.copyOf(transactions);
  }

  public List<Receipt> receipts() {
    return transactions.stream().map(ExecutedTransaction::receipt).toList();
  }
}
