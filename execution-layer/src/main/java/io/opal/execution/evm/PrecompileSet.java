package io.opal.execution.evm;

import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.execution.evm.precompile.Precompiles;
import io.opal.primitives.Address;
import io.opal.primitives.fork.EvmFork;
import java.util.List;
import java.util.Map;

/** The precompiled contracts active in a fork: lookup by address and the list to warm. */
public interface PrecompileSet {

  /** The contract at {@code address}, or null when it is not a precompile. */
  PrecompiledContract get(Address address);

  /** Every precompile address (warm from the start of a transaction, EIP-2929). */
  List<Address> addresses();

  PrecompileSet NONE = of(Map.of());

  /** The precompiles of plain Ethereum rules at {@code fork} (no OP additions or limits). */
  static PrecompileSet ethereum(EvmFork fork) {
    return of(Precompiles.forFork(fork, null));
  }

  /** The registry's contracts (for OP rules: {@code of(Precompiles.forOpFork(opFork))}). */
  static PrecompileSet of(Precompiles registry) {
    return new PrecompileSet() {
      @Override
      public PrecompiledContract get(Address address) {
        return registry.get(address);
      }

      @Override
      public List<Address> addresses() {
        return registry.addresses();
      }
    };
  }

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
