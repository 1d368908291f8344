package io.opal.consensus.l1;

import io.opal.primitives.Address;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The transaction-like object of {@code eth_call} and {@code eth_estimateGas}: absent fields are
 * left to the node.
 */
public record CallRequest(
    Optional<Address> from,
    Optional<Address> to,
    OptionalLong gas,
    Optional<UInt256> value,
    Bytes data) {

  /** A call of {@code to} with {@code data}, from no particular sender. */
  public static CallRequest to(Address to, Bytes data) {
    return new CallRequest(
        Optional.empty(), Optional.of(to), OptionalLong.empty(), Optional.empty(), data);
  }

  public CallRequest from(Address sender) {
    return new CallRequest(Optional.of(sender), to, gas, value, data);
  }

  public CallRequest withValue(UInt256 wei) {
    return new CallRequest(from, to, gas, Optional.of(wei), data);
  }
}
