package io.opal.execution.evm.precompile.bn254;

import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.fork.EvmFork;

/**
 * The alt_bn128 (BN254) precompiles of EIP-196 and EIP-197 at addresses 0x06 (ECADD), 0x07 (ECMUL)
 * and 0x08 (ECPAIRING), priced per fork: Byzantium's prices, cut by EIP-1108 from Istanbul on.
 *
 * <p>The contracts hold no state and are safe to share between threads. Chain-specific limits (OP
 * Granite's cap on the pairing input size) are meant to wrap the returned contract.
 */
public final class Bn254Precompiles {

  private Bn254Precompiles() {}

  /** ECADD (0x06): 500 gas before Istanbul, 150 from Istanbul (EIP-1108). */
  public static PrecompiledContract add(EvmFork fork) {
    return new EcAdd(istanbulOrLater(fork) ? 150 : 500);
  }

  /** ECMUL (0x07): 40,000 gas before Istanbul, 6,000 from Istanbul (EIP-1108). */
  public static PrecompiledContract mul(EvmFork fork) {
    return new EcMul(istanbulOrLater(fork) ? 6_000 : 40_000);
  }

  /**
   * ECPAIRING (0x08): 100,000 + 80,000·k gas before Istanbul, 45,000 + 34,000·k from Istanbul
   * (EIP-1108), k = input length / 192 rounded down.
   */
  public static PrecompiledContract pairing(EvmFork fork) {
    return istanbulOrLater(fork) ? new EcPairing(45_000, 34_000) : new EcPairing(100_000, 80_000);
  }

  /** Whether {@code fork} has these precompiles at all (from Byzantium, EIP-196/197). */
  public static boolean isActive(EvmFork fork) {
    return fork.isAtLeast(EvmFork.BYZANTIUM);
  }

  private static boolean istanbulOrLater(EvmFork fork) {
    if (!isActive(fork)) {
      throw new IllegalArgumentException(
          "the alt_bn128 precompiles do not exist before Byzantium; asked for " + fork);
    }
    return fork.isAtLeast(EvmFork.ISTANBUL);
  }
}
