package io.opal.primitives.config;

/**
 * EIP-1559 parameters of an OP chain: the elasticity multiplier and the base-fee change denominator
 * before and after Canyon. From Holocene the system config may override them per block (through the
 * block's extraData); these are the defaults.
 */
public record Eip1559Config(long elasticity, long denominator, long denominatorCanyon) {
  public Eip1559Config {
    if (elasticity <= 0 || denominator <= 0 || denominatorCanyon <= 0) {
      throw new ConfigException(
          "EIP-1559 parameters must be positive: elasticity="
              + elasticity
              + ", denominator="
              + denominator
              + ", denominatorCanyon="
              + denominatorCanyon);
    }
  }
}
