package io.opal.primitives.fork;

/**
 * OP Stack network upgrades in activation order, each with the Ethereum rule set its EVM follows.
 * Which one is active at a timestamp is the rollup config's single lookup; code asks {@code
 * fork.isAtLeast(OpFork.ECOTONE)}.
 */
public enum OpFork {
  BEDROCK(EvmFork.PARIS),
  REGOLITH(EvmFork.PARIS),
  CANYON(EvmFork.SHANGHAI),
  DELTA(EvmFork.SHANGHAI),
  ECOTONE(EvmFork.CANCUN),
  FJORD(EvmFork.CANCUN),
  GRANITE(EvmFork.CANCUN),
  HOLOCENE(EvmFork.CANCUN),
  ISTHMUS(EvmFork.PRAGUE),
  JOVIAN(EvmFork.PRAGUE);

  private final EvmFork evmFork;

  OpFork(EvmFork evmFork) {
    this.evmFork = evmFork;
  }

  /** The Ethereum rule set (opcodes, gas schedule, transaction types) of this upgrade. */
  public EvmFork evmFork() {
    return evmFork;
  }

  public boolean isAtLeast(OpFork other) {
    return compareTo(other) >= 0;
  }

  public boolean isBefore(OpFork other) {
    return compareTo(other) < 0;
  }
}
