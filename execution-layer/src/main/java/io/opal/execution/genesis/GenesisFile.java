package io.opal.execution.genesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.config.ConfigException;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An op-geth {@code genesis.json}: the genesis header fields, the allocation, and (when the file
 * carries a {@code config}; superchain-registry files have {@code null}) the chain id and OP fork
 * times of its chain config, which {@link GenesisBlock} checks against the rollup config.
 *
 * <p>Quantities may be hex strings or decimal numbers, as geth accepts them. {@code gasLimit},
 * {@code difficulty} and {@code alloc} are required (geth requires them too); everything else
 * defaults to zero or absent.
 */
public record GenesisFile(
    long nonce,
    long timestamp,
    Bytes extraData,
    long gasLimit,
    UInt256 difficulty,
    Hash mixHash,
    Address coinbase,
    long number,
    long gasUsed,
    Hash parentHash,
    OptionalLong baseFeePerGas,
    OptionalLong excessBlobGas,
    OptionalLong blobGasUsed,
    Map<Address, GenesisAccount> alloc,
    Optional<Long> configChainId,
    Map<OpFork, Long> configForkTimes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public GenesisFile {
    alloc = Collections.unmodifiableMap(new LinkedHashMap<>(alloc));
    configForkTimes = Map.copyOf(configForkTimes);
  }

  /**
   * Parses a genesis file's text; {@code source} names it in errors.
   *
   * @throws ConfigException naming the file and field of the first problem
   */
  public static GenesisFile parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(source + ": expected a JSON object at the top level");
    }
    JsonFields f = new JsonFields(root, source);
    JsonFields alloc = f.object("alloc").orElseThrow(() -> f.error("alloc", "missing"));
    Optional<JsonFields> config = f.object("config");
    return new GenesisFile(
        f.uint64("nonce").orElse(0L),
        f.uint64("timestamp").orElse(0L),
        Bytes.wrap(f.bytes("extraData").orElse(new byte[0])),
        f.uint64("gasLimit").orElseThrow(() -> f.error("gasLimit", "missing")),
        UInt256.valueOf(
            f.quantity("difficulty", 256).orElseThrow(() -> f.error("difficulty", "missing"))),
        f.hash("mixHash").orElse(Hash.ZERO),
        f.address("coinbase").orElse(Address.ZERO),
        f.uint64("number").orElse(0L),
        f.uint64("gasUsed").orElse(0L),
        f.hash("parentHash").orElse(Hash.ZERO),
        optionalLong(f.uint64("baseFeePerGas")),
        optionalLong(f.uint64("excessBlobGas")),
        optionalLong(f.uint64("blobGasUsed")),
        parseAlloc(alloc),
        config.flatMap(c -> c.uint64("chainId")),
        config.map(GenesisFile::forkTimes).orElse(Map.of()));
  }

  private static OptionalLong optionalLong(Optional<Long> v) {
    return v.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  /** The OP fork times an op-geth chain config names ({@code regolithTime} ...). */
  private static Map<OpFork, Long> forkTimes(JsonFields config) {
    Map<OpFork, Long> times = new EnumMap<>(OpFork.class);
    for (OpFork fork : OpFork.values()) {
      if (fork == OpFork.BEDROCK) {
        continue; // op-geth names Bedrock by block (bedrockBlock), not by time
      }
      String name = fork.name().toLowerCase(Locale.ROOT) + "Time";
      config.uint64(name).ifPresent(t -> times.put(fork, t));
    }
    return times;
  }

  private static Map<Address, GenesisAccount> parseAlloc(JsonFields alloc) {
    Map<Address, GenesisAccount> accounts = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = alloc.node().fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = alloc.at(e.getKey());
      Address address = JsonFields.address(e.getKey(), where);
      if (!e.getValue().isObject()) {
        throw new ConfigException(where + ": expected an account object");
      }
      JsonFields a = new JsonFields(e.getValue(), where);
      GenesisAccount account =
          new GenesisAccount(
              UInt256.valueOf(
                  a.quantity("balance", 256).orElseThrow(() -> a.error("balance", "missing"))),
              a.uint64("nonce").orElse(0L),
              a.bytes("code").orElse(new byte[0]),
              a.object("storage").map(GenesisFile::parseStorage).orElse(Map.of()));
      if (accounts.put(address, account) != null) {
        throw new ConfigException(where + ": the address appears twice");
      }
    }
    return accounts;
  }

  private static Map<Word256, Word256> parseStorage(JsonFields storage) {
    Map<Word256, Word256> slots = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = storage.node().fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = storage.at(e.getKey());
      Word256 key = word(new TextNode(e.getKey()), where);
      Word256 value = word(e.getValue(), where);
      if (!value.isZero()) {
        slots.put(key, value);
      }
    }
    return slots;
  }

  /** A storage key or value: hex of at most 32 bytes, left-padded (geth's storage JSON form). */
  private static Word256 word(JsonNode v, String where) {
    byte[] b = JsonFields.bytes(v, where);
    if (b.length > 32) {
      throw new ConfigException(where + ": a storage word has at most 32 bytes, got " + b.length);
    }
    return Word256.fromBytesPadded(b);
  }

  /** The total of all balances (for printing), as geth sums the allocation. */
  public BigInteger totalBalance() {
    BigInteger total = BigInteger.ZERO;
    for (GenesisAccount a : alloc.values()) {
      total = total.add(a.balance().toBigInteger());
    }
    return total;
  }
}
