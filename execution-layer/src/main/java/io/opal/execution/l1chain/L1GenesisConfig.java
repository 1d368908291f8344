package io.opal.execution.l1chain;

import io.opal.primitives.Address;
import java.util.Map;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The L1 dev chain's genesis: Prague from block 0, the system contracts, and the prefunded
 * accounts.
 *
 * @param timestamp the genesis time (in the past, so setup blocks stay slot-aligned behind the wall
 *     clock)
 * @param baseFee the genesis base fee (EIP-1559's initial 1 gwei by default)
 */
public record L1GenesisConfig(
    long chainId, long timestamp, long gasLimit, long baseFee, Map<Address, UInt256> prefunds) {
  public static final long DEFAULT_CHAIN_ID = 900;
  public static final long DEFAULT_GAS_LIMIT = 60_000_000;
  public static final long INITIAL_BASE_FEE = 1_000_000_000;

  public L1GenesisConfig {
    prefunds = Map.copyOf(prefunds);
    if (gasLimit < 5000) {
      throw new IllegalArgumentException("gas limit " + gasLimit + " is below 5000");
    }
  }
}
