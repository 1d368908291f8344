package io.opal.execution.op;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.EncodedItems;
import io.opal.primitives.block.Receipt;
import java.util.List;
import java.util.Optional;

/**
 * A sealed block with its receipts and per-transaction details. The world state the block was
 * executed on holds its post-state.
 *
 * @param encoded the block's transactions and receipts encoded as the builder included them, when
 *     it kept them (so that storing the block does not encode them again)
 */
public record ExecutedBlock(
    Block block,
    Hash hash,
    List<ExecutedTransaction> transactions,
    Optional<EncodedItems> encoded) {
  public ExecutedBlock {
    transactions = List.copyOf(transactions);
  }

  public ExecutedBlock(Block block, Hash hash, List<ExecutedTransaction> transactions) {
    this(block, hash, transactions, Optional.empty());
  }

  public List<Receipt> receipts() {
    return transactions.stream().map(ExecutedTransaction::receipt).toList();
  }
}
