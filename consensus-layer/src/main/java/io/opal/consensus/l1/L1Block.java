package io.opal.consensus.l1;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.Withdrawal;
import io.opal.primitives.tx.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * A verified L1 block with its transactions: the header hash, every transaction hash, the
 * transactions root and the withdrawals root were checked against what the node returned.
 */
public record L1Block(
    L1Header header, List<Transaction> transactions, Optional<List<Withdrawal>> withdrawals) {

  public L1Block {
    transactions = List.copyOf(transactions);
    withdrawals = withdrawals.map(List::copyOf);
  }

  public Hash hash() {
    return header.hash();
  }

  public long number() {
    return header.number();
  }

  public L1BlockRef ref() {
    return header.ref();
  }

  /** The block in its consensus form (header and body, ommers always empty after the merge). */
  public Block toBlock() {
    return new Block(header.header(), new BlockBody(transactions, List.of(), withdrawals));
  }
}
