package io.opal.execution.transaction;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.state.JournaledState;
import java.math.BigInteger;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Where a transaction's fees go. The default ({@link #ETHEREUM}) pays the priority fee to the
 * coinbase and burns the base fee and the blob fee; the OP Stack routes fees to its vaults and adds
 * the L1 data fee by overriding this.
 */
public interface FeeHandler {

  /** Extra wei the sender pays up front with the gas (the OP L1 data fee); none by default. */
  default UInt256 upfrontCost(TxEnv tx, BlockEnv block) {
    return UInt256.ZERO;
  }

  /** Pays out after execution; {@code gasUsed} is final (refunds and floor applied). */
  void settle(JournaledState state, Settlement settlement);

  /** The amounts a handler distributes. */
  record Settlement(
      BlockEnv block,
      TxEnv tx,
      long gasUsed,
      UInt256 effectiveGasPrice,
      UInt256 priorityFeePerGas,
      UInt256 blobFee,
      UInt256 upfrontCost) {}

  FeeHandler ETHEREUM =
      (state, s) -> {
        BigInteger fee =
            BigInteger.valueOf(s.gasUsed()).multiply(s.priorityFeePerGas().toBigInteger());
        state.addBalance(state.account(s.block().coinbase()), UInt256.valueOf(fee));
      };
}
