package io.opal.execution.evm;

import io.opal.primitives.Address;
import java.util.Optional;

/** How a top-level message ended: output, gas left and, for a creation, the new address. */
public record MessageResult(
    Status status,
    long gasLeft,
    byte[] output,
    Optional<Address> createdAddress,
    Optional<HaltReason> haltReason) {

  public enum Status {
    SUCCESS,
    REVERT,
    HALT
  }

  public boolean isSuccess() {
    return status == Status.SUCCESS;
  }
}
