package io.opal.consensus.devnet.genesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a devnet user needs to talk to it, written as {@code devnet.json} beside {@code rollup.json}
 * and {@code genesis.json}: the RPC endpoints, chain ids, the L1 contracts by name, the L2 genesis
 * and the prefunded dev accounts (addresses only: their keys follow from the well-known mnemonic).
 *
 * @param l1Contracts every deployed L1 contract, by name (e.g. {@code OptimismPortalProxy})
 */
public record DevnetManifest(
    String l1RpcUrl,
    String l2RpcUrl,
    String adminRpcUrl,
    long l1ChainId,
    long l2ChainId,
    Hash l2GenesisHash,
    Map<String, Address> l1Contracts,
    String mnemonic,
    List<Address> devAccounts) {

  public DevnetManifest {
    l1Contracts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(l1Contracts));
    devAccounts = List.copyOf(devAccounts);
  }

  public String toJson() {
    ObjectNode root = GenesisJson.MAPPER.createObjectNode();
    root.put("l1RpcUrl", l1RpcUrl);
    root.put("l2RpcUrl", l2RpcUrl);
    root.put("adminRpcUrl", adminRpcUrl);
    root.put("l1ChainId", l1ChainId);
    root.put("l2ChainId", l2ChainId);
    root.put("l2GenesisHash", l2GenesisHash.toString());
    ObjectNode contracts = root.putObject("l1Contracts");
    l1Contracts.forEach((name, a) -> contracts.put(name, a.toString()));
    root.put("mnemonic", mnemonic);
    root.putArray("devAccounts")
        .addAll(devAccounts.stream().map(a -> root.textNode(a.toString())).toList());
    try {
      return GenesisJson.MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new GenesisException("cannot serialise devnet.json", e);
    }
  }

  /** Reads what {@link #toJson()} wrote (for tools and for restarts that reuse a data dir). */
  public static DevnetManifest fromJson(String json, String source) {
    try {
      JsonNode n = GenesisJson.MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new GenesisException(source + ": expected a JSON object");
      }
      Map<String, Address> contracts = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.path("l1Contracts").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        contracts.put(e.getKey(), Address.fromHex(e.getValue().asText()));
      }
      List<Address> accounts = new ArrayList<>();
      for (JsonNode a : n.path("devAccounts")) {
        accounts.add(Address.fromHex(a.asText()));
      }
      return new DevnetManifest(
          text(n, "l1RpcUrl", source),
          text(n, "l2RpcUrl", source),
          text(n, "adminRpcUrl", source),
          n.path("l1ChainId").asLong(),
          n.path("l2ChainId").asLong(),
          Hash.fromHex(text(n, "l2GenesisHash", source)),
          contracts,
          text(n, "mnemonic", source),
          accounts);
    } catch (JsonProcessingException e) {
      throw new GenesisException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (DecodingException e) {
      throw new GenesisException(source + ": bad address or hash: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field, String source) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new GenesisException(source + ": missing text field '" + field + "'");
    }
    return v.asText();
  }
}
