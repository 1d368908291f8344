package io.opal.execution.evm;

import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.Address;
import java.util.List;
import java.util.Map;

/** The precompiled contracts active in a fork: lookup by address and the list to warm. */
public interface PrecompileSet {

  /** The contract at {@code address}, or null when it is not a precompile. */
  PrecompiledContract get(Address address);

  /** Every precompile address (warm from the start of a transaction, EIP-2929). */
  List<Address> addresses();

  PrecompileSet NONE = of(Map.of());

  static PrecompileSet of(Map<Address, PrecompiledContract> contracts) {
    Map<Address, PrecompiledContract> copy = Map.copyOf(contracts);
    List<Address> addresses = copy.keySet().stream().sorted().toList();
    return new PrecompileSet() {
      @Override
      public PrecompiledContract get(Address address) {
        return copy.get(address);
      }

      @Override
      public List<Address> addresses() {
        return addresses;
      }
    };
  }
}
