package io.opal.execution.evm;

import io.opal.primitives.Address;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A top-level message: what a transaction (or a system call) asks the interpreter to run. For
 * {@link Kind#CREATE} {@code to} is the address the contract gets (computed by the caller from the
 * sender and its nonce before the increment).
 */
public record Message(
    Kind kind,
    Address caller,
    Address to,
    UInt256 value,
    byte[] input,
    long gas,
    boolean isStatic) {

  public enum Kind {
    CALL,
    CREATE
  }

  public static Message call(Address caller, Address to, UInt256 value, byte[] input, long gas) {
    return new Message(Kind.CALL, caller, to, value, input, gas, false);
  }

  public static Message create(
      Address caller, Address newAddress, UInt256 value, byte[] initCode, long gas) {
    return new Message(Kind.CREATE, caller, newAddress, value, initCode, gas, false);
  }
}
