package io.opal.primitives.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Reads rollup configurations in the formats users already have: op-node's {@code rollup.json} and
 * the superchain registry's chain {@code .toml} (with its network's {@code superchain.toml} for the
 * L1 chain id). Every problem is a {@link ConfigException} naming the source and field.
 */
public final class RollupConfigParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TomlMapper TOML = new TomlMapper();

  private RollupConfigParser() {}

  /** Parses op-node's {@code rollup.json}. */
  public static RollupConfig fromRollupJson(String json, String source) {
    Fields f = new Fields(readTree(JSON, json, source), source);
    Fields genesis = f.object("genesis");
    Fields sys = genesis.object("system_config");
    Map<OpFork, Long> times = new EnumMap<>(OpFork.class);
    for (OpFork fork : OpFork.values()) {
      f.optionalLong(fork.name().toLowerCase(Locale.ROOT) + "_time")
          .ifPresent(t -> times.put(fork, t));
    }
    Fields op = f.object("chain_op_config");
    long channelTimeout = f.longValue("channel_timeout");
    return new RollupConfig(
        blockId(genesis.object("l1")),
        blockId(genesis.object("l2")),
        genesis.longValue("l2_time"),
        new GenesisSystemConfig(
            sys.address("batcherAddr"),
            sys.bytes32("overhead"),
            sys.bytes32("scalar"),
            sys.longValue("gasLimit")),
        f.longValue("block_time"),
        f.longValue("max_sequencer_drift"),
        f.longValue("seq_window_size"),
        channelTimeout,
        f.optionalLong("granite_channel_timeout").orElse(50L),
        f.longValue("l1_chain_id"),
        f.longValue("l2_chain_id"),
        OpForkSchedule.of(times),
        f.optionalLong("pectra_blob_schedule_time"),
        f.address("batch_inbox_address"),
        f.address("deposit_contract_address"),
        f.address("l1_system_config_address"),
        f.optionalAddress("protocol_versions_address"),
        new Eip1559Config(
            op.longValue("eip1559Elasticity"),
            op.longValue("eip1559Denominator"),
            op.longValue("eip1559DenominatorCanyon")));
  }

  /**
   * Parses a superchain-registry chain config. {@code superchainToml} is its network's {@code
   * superchain.toml} (for the L1 chain id); the registry's standard channel timeouts apply.
   */
  public static RollupConfig fromSuperchainToml(
      String chainToml, String superchainToml, String source) {
    Fields f = new Fields(readTree(TOML, chainToml, source), source);
    Fields superchain =
        new Fields(readTree(TOML, superchainToml, source + " (superchain)"), source);
    Fields forks = f.object("hardforks");
    Map<OpFork, Long> times = new EnumMap<>(OpFork.class);
    for (OpFork fork : OpFork.values()) {
      forks
          .optionalLong(fork.name().toLowerCase(Locale.ROOT) + "_time")
          .ifPresent(t -> times.put(fork, t));
    }
    Fields genesis = f.object("genesis");
    Fields sys = genesis.object("system_config");
    Fields addresses = f.object("addresses");
    Fields op = f.object("optimism");
    return new RollupConfig(
        blockId(genesis.object("l1")),
        blockId(genesis.object("l2")),
        genesis.longValue("l2_time"),
        new GenesisSystemConfig(
            sys.address("batcherAddress"),
            sys.bytes32("overhead"),
            sys.bytes32("scalar"),
            sys.longValue("gasLimit")),
        f.longValue("block_time"),
        f.longValue("max_sequencer_drift"),
        f.longValue("seq_window_size"),
        300,
        50,
        superchain.object("l1").longValue("chain_id"),
        f.longValue("chain_id"),
        OpForkSchedule.of(times),
        forks.optionalLong("pectra_blob_schedule_time"),
        f.address("batch_inbox_addr"),
        addresses.address("OptimismPortalProxy"),
        addresses.address("SystemConfigProxy"),
        Optional.empty(),
        new Eip1559Config(
            op.longValue("eip1559_elasticity"),
            op.longValue("eip1559_denominator"),
            op.longValue("eip1559_denominator_canyon")));
  }

  private static BlockId blockId(Fields f) {
    return new BlockId(f.hash("hash"), f.longValue("number"));
  }

  private static JsonNode readTree(ObjectMapper mapper, String text, String source) {
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null || !node.isObject()) {
        throw new ConfigException(source + ": expected an object at the top level");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          source + ": not valid " + formatName(mapper) + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String formatName(ObjectMapper mapper) {
    return mapper instanceof TomlMapper ? "TOML" : "JSON";
  }

  /** Typed field access that names the source and path of whatever is missing or malformed. */
  private record Fields(JsonNode node, String path) {

    Fields object(String name) {
      JsonNode child = node.get(name);
      if (child == null || !child.isObject()) {
        throw new ConfigException(path + ": missing object '" + name + "'");
      }
      return new Fields(child, path + "." + name);
    }

    private JsonNode required(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        throw new ConfigException(path + ": missing field '" + name + "'");
      }
      return v;
    }

    long longValue(String name) {
      return parseLong(required(name), name);
    }

    Optional<Long> optionalLong(String name) {
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? Optional.empty() : Optional.of(parseLong(v, name));
    }

    private long parseLong(JsonNode v, String name) {
      try {
        BigInteger value;
        if (v.isIntegralNumber()) {
          value = v.bigIntegerValue();
        } else if (v.isTextual() && v.asText().startsWith("0x")) {
          value = new BigInteger(1, Hex.decode(v.asText()));
        } else if (v.isTextual()) {
          value = new BigInteger(v.asText());
        } else {
          throw new ConfigException(path + "." + name + ": expected a number, got " + v);
        }
        if (value.signum() < 0 || value.bitLength() > 63) {
          throw new ConfigException(path + "." + name + ": out of range: " + value);
        }
        return value.longValue();
      } catch (NumberFormatException | DecodingException e) {
        throw new ConfigException(path + "." + name + ": not a number: " + v, e);
      }
    }

    Address address(String name) {
      try {
        return Address.fromHex(required(name).asText());
      } catch (DecodingException e) {
        throw new ConfigException(path + "." + name + ": not an address: " + node.get(name), e);
      }
    }

    Optional<Address> optionalAddress(String name) {
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? Optional.empty() : Optional.of(address(name));
    }

    Hash hash(String name) {
      try {
        return Hash.fromHex(required(name).asText());
      } catch (DecodingException e) {
        throw new ConfigException(path + "." + name + ": not a 32-byte hash: " + node.get(name), e);
      }
    }

    Bytes32 bytes32(String name) {
      return hash(name).bytes();
    }
  }
}
