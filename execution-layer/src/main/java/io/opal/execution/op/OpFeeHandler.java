package io.opal.execution.op;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.state.Account;
import io.opal.execution.state.JournaledState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TxEnv;
import java.math.BigInteger;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Fee payment of one sequenced (non-deposit) transaction on an OP chain (exec-engine.md "Fees";
 * isthmus/exec-engine.md "EVM Fee Semantics"): the L1 data fee and the worst-case operator fee are
 * bought with the gas; afterwards the priority fee goes to the block's fee recipient, the base fee
 * (not burned) to the BaseFeeVault, the L1 data fee to the L1FeeVault, the unused part of the
 * operator fee back to the sender and the used part to the OperatorFeeVault.
 */
final class OpFeeHandler implements FeeHandler {
  private final RollupFees fees;
  private final BigInteger l1Fee;

  /**
   * @param l1Fee the transaction's L1 data fee (its envelope priced by {@code fees})
   */
  OpFeeHandler(RollupFees fees, BigInteger l1Fee) {
    this.fees = fees;
    this.l1Fee = l1Fee;
  }

  @Override
  public UInt256 upfrontCost(TxEnv tx, BlockEnv block) {
    return UInt256.valueOf(l1Fee.add(fees.operatorFee(tx.gasLimit())));
  }

  @Override
  public void settle(JournaledState state, Settlement s) {
    BigInteger used = BigInteger.valueOf(s.gasUsed());
    state.addBalance(
        state.account(s.block().coinbase()),
        UInt256.valueOf(used.multiply(s.priorityFeePerGas().toBigInteger())));
    state.addBalance(
        state.account(Predeploys.BASE_FEE_VAULT),
        UInt256.valueOf(used.multiply(s.block().baseFee().toBigInteger())));
    state.addBalance(state.account(Predeploys.L1_FEE_VAULT), UInt256.valueOf(l1Fee));
    if (fees.chargesOperatorFee()) {
      BigInteger bought = fees.operatorFee(s.tx().gasLimit());
      BigInteger spent = fees.operatorFee(s.gasUsed());
      Account sender = state.account(s.tx().caller());
      state.addBalance(sender, UInt256.valueOf(bought.subtract(spent)));
      state.addBalance(state.account(Predeploys.OPERATOR_FEE_VAULT), UInt256.valueOf(spent));
    }
  }
}
