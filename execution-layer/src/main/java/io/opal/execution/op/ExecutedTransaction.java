package io.opal.execution.op;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.tx.Transaction;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A transaction as it went into a block, with what RPC needs beyond the consensus receipt.
 *
 * @param gasUsed the gas it used (its receipt's cumulative gas minus the previous one)
 * @param effectiveGasPrice what it paid per gas (zero for deposits)
 * @param contractAddress the contract it created, if it is a successful creation
 * @param fees the OP fee fields; empty for deposits
 */
public record ExecutedTransaction(
    Transaction transaction,
    Hash hash,
    Address sender,
    Receipt receipt,
    long gasUsed,
    UInt256 effectiveGasPrice,
    Optional<Address> contractAddress,
    Optional<RollupFeeDetails> fees) {}
