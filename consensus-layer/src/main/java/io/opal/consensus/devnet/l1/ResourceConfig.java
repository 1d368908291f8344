package io.opal.consensus.devnet.l1;

import java.math.BigInteger;

/**
 * The deposit gas market's parameters (ResourceMetering.ResourceConfig, specs/protocol/guaranteed-
 * gas-market.md) that SystemConfig.initialize takes.
 *
 * @param maxResourceLimit uint32: L2 gas deposits may buy per L1 block
 * @param elasticityMultiplier uint8
 * @param baseFeeMaxChangeDenominator uint8, at least 2
 * @param minimumBaseFee uint32 wei
 * @param systemTxMaxGas uint32
 * @param maximumBaseFee uint128 wei
 */
public record ResourceConfig(
    long maxResourceLimit,
    int elasticityMultiplier,
    int baseFeeMaxChangeDenominator,
    long minimumBaseFee,
    long systemTxMaxGas,
    BigInteger maximumBaseFee) {

  /**
   * The contracts' DEFAULT_RESOURCE_CONFIG: 20M gas, ×10, 1/8, 1 gwei floor, 1M system gas, no cap.
   */
  public static final ResourceConfig DEFAULT =
      new ResourceConfig(
          20_000_000,
          10,
          8,
          1_000_000_000L,
          1_000_000,
          BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));

  /** The least L2 gas limit SystemConfig accepts with this config. */
  public long minimumGasLimit() {
    return maxResourceLimit + systemTxMaxGas;
  }

  /** The value of the ABI tuple {@code (uint32,uint8,uint8,uint32,uint32,uint128)}. */
  java.util.List<Object> abiValue() {
    return java.util.List.of(
        BigInteger.valueOf(maxResourceLimit),
        BigInteger.valueOf(elasticityMultiplier),
        BigInteger.valueOf(baseFeeMaxChangeDenominator),
        BigInteger.valueOf(minimumBaseFee),
        BigInteger.valueOf(systemTxMaxGas),
        maximumBaseFee);
  }
}
