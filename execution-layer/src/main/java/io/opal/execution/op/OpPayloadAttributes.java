package io.opal.execution.op;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.Transaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the rollup node asks the execution engine to build (exec-engine.md "Extended
 * PayloadAttributesV3"): the block's timestamp, randomness and fee recipient, the transactions it
 * must start with (the L1-info deposit, user deposits, upgrade transactions, and in derivation the
 * batch's transactions), whether it may add pool transactions after them, and the system config's
 * gas limit and fee parameters.
 *
 * @param parentBeaconBlockRoot the L1 origin's, from Ecotone (zero if L1 has none); empty before
 * @param gasLimit the block gas limit (unsigned), which OP attributes always carry
 * @param eip1559Params from Holocene: denominator and elasticity (both zero: the chain defaults)
 * @param minBaseFee from Jovian: the minimum base fee in wei (unsigned)
 */
public record OpPayloadAttributes(
    long timestamp,
    Hash prevRandao,
    Address suggestedFeeRecipient,
    Optional<Hash> parentBeaconBlockRoot,
    List<Transaction> transactions,
    boolean noTxPool,
    long gasLimit,
    Optional<Eip1559Params> eip1559Params,
    OptionalLong minBaseFee) {

  public OpPayloadAttributes {
    Objects.requireNonNull(prevRandao, "prevRandao");
    Objects.requireNonNull(suggestedFeeRecipient, "suggestedFeeRecipient");
    Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
    Objects.requireNonNull(eip1559Params, "eip1559Params");
    Objects.requireNonNull(minBaseFee, "minBaseFee");
    transactions = List.copyOf(transactions);
  }
}
