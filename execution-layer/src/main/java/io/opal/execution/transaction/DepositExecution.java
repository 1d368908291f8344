package io.opal.execution.transaction;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.state.Account;
import io.opal.execution.state.JournaledState;
import io.opal.execution.state.StateReader;
import io.opal.primitives.tx.DepositTransaction;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * One OP deposit's execution, following op-geth's state transition: mint, the checks a deposit can
 * fail (which turn into a failed receipt rather than a rejection), the message at gas price zero,
 * and the gas accounting of Bedrock or Regolith.
 */
final class DepositExecution {
  private final TransactionProcessor processor;
  private final EvmSpec spec;

  DepositExecution(TransactionProcessor processor, EvmSpec spec) {
    this.processor = processor;
    this.spec = spec;
  }

  TransactionResult execute(
      StateReader world, BlockEnv block, DepositTransaction deposit, boolean regolith) {
    JournaledState state = new JournaledState(world);
    Account from = state.account(deposit.from());
    // The mint is unconditional: it stays even when the deposit fails.
    state.addBalance(from, deposit.mint());
    TxEnv tx = TxEnv.of(deposit, deposit.from());
    if (!canRun(from, tx, deposit.isSystemTx(), regolith)) {
      // As a native EVM failure: nothing but the mint and a nonce increment, all gas used.
      state.setNonce(from, from.nonce() + 1);
      long used = deposit.isSystemTx() && !regolith ? 0 : deposit.gasLimit();
      return result(state, MessageResult.Status.HALT, used, 0, noOutput());
    }
    long intrinsic = IntrinsicGas.of(spec, tx);
    MessageResult r =
        processor.runMessage(state, from, block, tx, deposit.gasLimit() - intrinsic, UInt256.ZERO);
    if (!regolith) {
      long used = deposit.isSystemTx() ? 0 : deposit.gasLimit();
      return result(state, r.status(), used, 0, r);
    }
    // Regolith: the gas actually used, refunds and the EIP-7623 floor applied (but no ether moves:
    // the deposit's gas price is zero).
    long used = deposit.gasLimit() - r.gasLeft();
    long refund = Math.min(state.refund(), used / spec.refundQuotient());
    used -= refund;
    if (spec.hasCalldataFloor()) {
      used = Math.max(used, IntrinsicGas.floor(tx.data()));
    }
    return result(state, r.status(), used, refund, r);
  }

  /**
   * Whether the deposit passes the checks op-geth's state transition makes before running a message
   * (those a deposit can fail): a system transaction from Regolith on, a gas limit below the
   * intrinsic gas or the EIP-7623 floor, a value its sender cannot pay, oversized init code.
   */
  private boolean canRun(Account from, TxEnv tx, boolean isSystemTx, boolean regolith) {
    if (isSystemTx && regolith) {
      return false;
    }
    if (Long.compareUnsigned(tx.gasLimit(), IntrinsicGas.of(spec, tx)) < 0) {
      return false;
    }
    if (spec.hasCalldataFloor()
        && Long.compareUnsigned(tx.gasLimit(), IntrinsicGas.floor(tx.data())) < 0) {
      return false;
    }
    if (!tx.value().isZero() && from.balance().compareTo(tx.value()) < 0) {
      return false;
    }
    return !(tx.isCreate() && tx.data().length > spec.maxInitcodeSize());
  }

  private static MessageResult noOutput() {
    return new MessageResult(
        MessageResult.Status.HALT, 0, new byte[0], Optional.empty(), Optional.empty());
  }

  private TransactionResult result(
      JournaledState state, MessageResult.Status status, long used, long refund, MessageResult r) {
    // A frame that failed has its logs reverted already; a failed deposit never ran.
    return new TransactionResult(
        status,
        used,
        refund,
        List.copyOf(state.logs()),
        r.createdAddress(),
        r.output(),
        r.haltReason(),
        state.changes(spec.clearsEmptyAccounts()));
  }
}
