package io.opal.execution.transaction;

import io.opal.execution.evm.HaltReason;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.state.AccountUpdate;
import io.opal.primitives.Address;
import io.opal.primitives.block.Log;
import java.util.List;
import java.util.Optional;

/**
 * An executed transaction: its status, the gas it used (after refunds and the EIP-7623 floor), its
 * logs (empty unless it succeeded), output, created contract and the state changes to apply.
 */
public record TransactionResult(
    MessageResult.Status status,
    long gasUsed,
    long gasRefunded,
    List<Log> logs,
    Optional<Address> createdAddress,
    byte[] output,
    Optional<HaltReason> haltReason,
    List<AccountUpdate> changes) {

  public boolean isSuccess() {
    return status == MessageResult.Status.SUCCESS;
  }
}
