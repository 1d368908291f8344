package io.opal.txpool;

import io.opal.primitives.Hash;
import io.opal.primitives.fork.OpFork;
import java.util.Objects;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The chain head the pool validates against, with the parameters of the block that would be built
 * on it.
 *
 * @param number the head block's number
 * @param hash the head block's hash
 * @param timestamp the head block's timestamp (seconds)
 * @param gasLimit the block gas limit a transaction must fit in (unsigned)
 * @param baseFee the base fee of the next block: pending transactions are priced at it
 * @param fork the OP upgrade whose rules apply to the next block (transaction types, intrinsic gas)
 * @param l1Cost the L1 data fee + operator fee at this head
 */
public record HeadContext(
    long number,
    Hash hash,
    long timestamp,
    long gasLimit,
    UInt256 baseFee,
    OpFork fork,
    L1CostFunction l1Cost) {

  public HeadContext {
    Objects.requireNonNull(hash);
    Objects.requireNonNull(baseFee);
    Objects.requireNonNull(fork);
    Objects.requireNonNull(l1Cost);
  }
}
