package io.opal.consensus.devnet.genesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.Eip1559Config;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * op-geth's {@code genesis.json}: the chain config, the header fields a genesis file carries and
 * the allocation. Quantities are 0x-hex without leading zeros, alloc keys unprefixed lowercase hex
 * (as geth writes them), storage keys and values 32-byte hex.
 */
public final class GenesisJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** EIP-4844 and EIP-7691 blob parameters (op-geth wants them for Cancun and Prague). */
  private static final long[][] BLOB_SCHEDULE = {{3, 6, 3_338_477}, {6, 9, 5_007_716}};

  private GenesisJson() {}

  public static String write(L2Genesis genesis) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("config", chainConfig(genesis.params()));
    BlockHeader h = genesis.header();
    root.put("nonce", quantity(new BigInteger(1, h.nonce().toArrayUnsafe())));
    root.put("timestamp", quantity(h.timestamp()));
    root.put("extraData", Hex.encode(h.extraData().toArrayUnsafe()));
    root.put("gasLimit", quantity(h.gasLimit()));
    root.put("difficulty", quantity(h.difficulty().toBigInteger()));
    root.put("mixHash", h.mixHash().toString());
    root.put("coinbase", h.beneficiary().toString());
    root.set("alloc", alloc(genesis.alloc()));
    root.put("number", quantity(h.number()));
    root.put("gasUsed", quantity(h.gasUsed()));
    root.put("parentHash", h.parentHash().toString());
    h.baseFeePerGas().ifPresent(v -> root.put("baseFeePerGas", quantity(v)));
    h.excessBlobGas().ifPresent(v -> root.put("excessBlobGas", quantity(v)));
    h.blobGasUsed().ifPresent(v -> root.put("blobGasUsed", quantity(v)));
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new GenesisException("cannot serialise genesis.json", e);
    }
  }

  /**
   * op-geth's chain config: every L1 fork through Prague and every OP fork through Jovian active at
   * block 0 / time 0.
   */
  static ObjectNode chainConfig(DevnetL2Params p) {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("chainId", p.l2ChainId());
    for (String block :
        new String[] {
          "homestead",
          "eip150",
          "eip155",
          "eip158",
          "byzantium",
          "constantinople",
          "petersburg",
          "istanbul",
          "muirGlacier",
          "berlin",
          "london",
          "arrowGlacier",
          "grayGlacier",
          "mergeNetsplit"
        }) {
      c.put(block + "Block", 0);
    }
    for (String time : new String[] {"shanghai", "cancun", "prague"}) {
      c.put(time + "Time", 0);
    }
    c.put("bedrockBlock", 0);
    for (OpFork fork : OpFork.values()) {
      if (fork != OpFork.BEDROCK) {
        c.put(fork.name().toLowerCase(Locale.ROOT) + "Time", 0);
      }
    }
    c.put("terminalTotalDifficulty", 0);
    c.put("depositContractAddress", Address.ZERO.toString());
    ObjectNode blobs = c.putObject("blobSchedule");
    String[] names = {"cancun", "prague"};
    for (int i = 0; i < names.length; i++) {
      ObjectNode f = blobs.putObject(names[i]);
      f.put("target", BLOB_SCHEDULE[i][0]);
      f.put("max", BLOB_SCHEDULE[i][1]);
      f.put("baseFeeUpdateFraction", BLOB_SCHEDULE[i][2]);
    }
    Eip1559Config e = p.fees().eip1559();
    ObjectNode op = c.putObject("optimism");
    op.put("eip1559Elasticity", e.elasticity());
    op.put("eip1559Denominator", e.denominator());
    op.put("eip1559DenominatorCanyon", e.denominatorCanyon());
    return c;
  }

  private static ObjectNode alloc(GenesisAlloc alloc) {
    ObjectNode out = MAPPER.createObjectNode();
    for (Map.Entry<Address, GenesisAccount> e : alloc.accounts().entrySet()) {
      GenesisAccount a = e.getValue();
      ObjectNode acc = out.putObject(Hex.encodePlain(e.getKey().toArray()));
      if (!a.code().isEmpty()) {
        acc.put("code", Hex.encode(a.code().toArrayUnsafe()));
      }
      if (!a.storage().isEmpty()) {
        ObjectNode storage = acc.putObject("storage");
        a.storage().forEach((k, v) -> storage.put(k.toHexString(), v.toHexString()));
      }
      acc.put("balance", quantity(a.balance().toBigInteger()));
      if (a.nonce() != 0) {
        acc.put("nonce", quantity(a.nonce()));
      }
    }
    return out;
  }

  /** Parses a genesis.json (op-geth's format; {@code config} may be null, as in the registry's). */
  public static GenesisFile read(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new GenesisException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new GenesisException(source + ": expected a JSON object");
    }
    return GenesisFileReader.read(root, source);
  }

  static String quantity(long v) {
    return quantity(new BigInteger(Long.toUnsignedString(v)));
  }

  static String quantity(BigInteger v) {
    return "0x" + v.toString(16);
  }

  /** The 32-byte form of a storage key or value written as a (possibly short) hex string. */
  static Bytes32 word(String hex) {
    byte[] b = Hex.decode(hex);
    if (b.length > 32) {
      throw new IllegalArgumentException("more than 32 bytes: " + hex);
    }
    return Bytes32.leftPad(Bytes.wrap(b));
  }
}
