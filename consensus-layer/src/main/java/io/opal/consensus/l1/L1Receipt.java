package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Receipt;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A transaction receipt as a node reports it: the consensus receipt (what the receipts root commits
 * to) and the fields a node derives beside it.
 *
 * @param logs the receipt's logs with their positions in the block, in order
 * @param gasUsed gas used by this transaction alone
 * @param blobGasUsed present for blob transactions
 */
public record L1Receipt(
    Receipt receipt,
    Hash transactionHash,
    int transactionIndex,
    Hash blockHash,
    long blockNumber,
    Address from,
    Optional<Address> to,
    Optional<Address> contractAddress,
    long gasUsed,
    UInt256 effectiveGasPrice,
    OptionalLong blobGasUsed,
    Optional<UInt256> blobGasPrice,
    List<L1Log> logs) {

  public L1Receipt {
    logs = List.copyOf(logs);
  }

  /** Whether the transaction succeeded (post-Byzantium status 1). */
  public boolean succeeded() {
    return receipt.outcome() instanceof Receipt.Status s && s.success();
  }
}
