package io.opal.execution.evm;

import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.execution.evm.precompile.bls.Bls12Precompiles;
import io.opal.execution.evm.precompile.bn254.Bn254Precompiles;
import io.opal.primitives.Address;
import io.opal.primitives.fork.EvmFork;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The precompiled contracts of plain Ethereum rules (no OP additions) for the state tests and the
 * {@code opal evm} tools.
 *
 * <p>Until the per-fork registry ({@code precompile.Precompiles}) is merged this wires what main
 * has: bn254 (0x06-0x08, Byzantium) and BLS12-381 (0x0b-0x11, Prague).
 */
public final class EthereumPrecompiles {
  private static final Map<EvmFork, PrecompileSet> CACHE = new EnumMap<>(EvmFork.class);

  private EthereumPrecompiles() {}

  public static synchronized PrecompileSet forFork(EvmFork fork) {
    return CACHE.computeIfAbsent(fork, EthereumPrecompiles::build);
  }

  private static PrecompileSet build(EvmFork fork) {
    Map<Address, PrecompiledContract> m = new HashMap<>();
    if (Bn254Precompiles.isActive(fork)) {
      m.put(Address.ofLong(6), Bn254Precompiles.add(fork));
      m.put(Address.ofLong(7), Bn254Precompiles.mul(fork));
      m.put(Address.ofLong(8), Bn254Precompiles.pairing(fork));
    }
    if (fork.isAtLeast(EvmFork.PRAGUE)) {
      m.putAll(Bls12Precompiles.all());
    }
    return PrecompileSet.of(m);
  }
}
