package io.opal.consensus.devnet.genesis;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which forks that change the genesis header are active at genesis: London (base fee), Shanghai
 * (withdrawals root), Cancun (blob gas, beacon root), Prague (requests hash), and OP Isthmus (the
 * withdrawals root becomes the L2ToL1MessagePasser's storage root).
 */
public record GenesisForks(
    boolean london, boolean shanghai, boolean cancun, boolean prague, boolean isthmus) {

  /** Reads geth's chain-config fields: {@code londonBlock} and the {@code ...Time} fields. */
  static GenesisForks fromChainConfig(JsonNode config, long genesisTime) {
    return new GenesisForks(
        activeBlock(config, "londonBlock"),
        activeTime(config, "shanghaiTime", genesisTime),
        activeTime(config, "cancunTime", genesisTime),
        activeTime(config, "pragueTime", genesisTime),
        activeTime(config, "isthmusTime", genesisTime));
  }

  private static boolean activeBlock(JsonNode config, String field) {
    JsonNode v = config.get(field);
    return v != null && v.canConvertToLong() && v.asLong() == 0;
  }

  private static boolean activeTime(JsonNode config, String field, long genesisTime) {
    JsonNode v = config.get(field);
    return v != null && v.canConvertToLong() && Long.compareUnsigned(v.asLong(), genesisTime) <= 0;
  }
}
