package io.opal.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.Authorization;
import io.opal.rpc.CallExecutor.AccountOverride;
import io.opal.rpc.CallExecutor.BlockOverrides;
import io.opal.rpc.CallRequest;
import io.opal.rpc.JsonValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Reads the object arguments of eth_call and friends: the call itself (geth's {@code
 * TransactionArgs}), state overrides and block overrides. Unknown members are ignored, as Go's JSON
 * decoding ignores them; malformed ones throw {@link IllegalArgumentException} naming the member.
 */
final class CallRequestParser {
  /** Bounds what one request may ask the executor to build. */
  static final int MAX_LIST = 10_000;

  private CallRequestParser() {}

  static CallRequest callRequest(JsonNode n) {
    requireObject(n, "transaction arguments");
    Optional<Bytes> data = opt(n, "data", JsonValues::data);
    Optional<Bytes> input = opt(n, "input", JsonValues::data);
    if (data.isPresent() && input.isPresent() && !data.get().equals(input.get())) {
      throw new IllegalArgumentException(
          "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass"
              + " transaction call data");
    }
    Optional<UInt256> gasPrice = opt(n, "gasPrice", JsonValues::quantity);
    Optional<UInt256> maxFee = opt(n, "maxFeePerGas", JsonValues::quantity);
    Optional<UInt256> maxTip = opt(n, "maxPriorityFeePerGas", JsonValues::quantity);
    if (gasPrice.isPresent() && (maxFee.isPresent() || maxTip.isPresent())) {
      throw new IllegalArgumentException(
          "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    }
    return new CallRequest(
        opt(n, "from", JsonValues::address),
        opt(n, "to", JsonValues::address),
        optLong(n, "gas"),
        gasPrice,
        maxFee,
        maxTip,
        opt(n, "maxFeePerBlobGas", JsonValues::quantity),
        opt(n, "value", JsonValues::quantity),
        optLong(n, "nonce"),
        input.or(() -> data),
        opt(n, "accessList", CallRequestParser::accessList),
        opt(n, "chainId", JsonValues::quantity),
        opt(n, "blobVersionedHashes", v -> list(v, "blobVersionedHashes", JsonValues::hash))
            .orElse(List.of()),
        opt(n, "authorizationList", CallRequestParser::authorizations));
  }

  static List<AccessListEntry> accessList(JsonNode n) {
    return list(
        n,
        "accessList",
        e -> {
          requireObject(e, "access list entry");
          Address address = member(e, "address", JsonValues::address);
          List<Hash> keys =
              opt(e, "storageKeys", k -> list(k, "storageKeys", JsonValues::hash))
                  .orElse(List.of());
          return new AccessListEntry(address, keys);
        });
  }

  private static List<Authorization> authorizations(JsonNode n) {
    return list(
        n,
        "authorizationList",
        a -> {
          requireObject(a, "authorization");
          long parity = member(a, "yParity", JsonValues::quantityLong);
          if (Long.compareUnsigned(parity, 0xff) > 0) {
            throw new IllegalArgumentException("authorization yParity above 255");
          }
          return new Authorization(
              member(a, "chainId", JsonValues::quantity),
              member(a, "address", JsonValues::address),
              member(a, "nonce", JsonValues::quantityLong),
              (int) parity,
              member(a, "r", JsonValues::quantity),
              member(a, "s", JsonValues::quantity));
        });
  }

  /** eth_call's third argument: address → account override. */
  static Map<Address, AccountOverride> stateOverrides(JsonNode n) {
    requireObject(n, "state override");
    if (n.size() > MAX_LIST) {
      throw new IllegalArgumentException("too many accounts in state override");
    }
    Map<Address, AccountOverride> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address address =
          JsonValues.address(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()));
      JsonNode o = e.getValue();
      requireObject(o, "account override");
      Optional<Map<Bytes32, Bytes32>> state = opt(o, "state", CallRequestParser::slots);
      Optional<Map<Bytes32, Bytes32>> diff = opt(o, "stateDiff", CallRequestParser::slots);
      if (state.isPresent() && diff.isPresent()) {
        throw new IllegalArgumentException(
            "account " + address + " has both 'state' and 'stateDiff'");
      }
      out.put(
          address,
          new AccountOverride(
              opt(o, "balance", JsonValues::quantity),
              optLong(o, "nonce"),
              opt(o, "code", JsonValues::data),
              state,
              diff,
              opt(o, "movePrecompileToAddress", JsonValues::address)));
    }
    return out;
  }

  private static Map<Bytes32, Bytes32> slots(JsonNode n) {
    requireObject(n, "storage override");
    if (n.size() > MAX_LIST) {
      throw new IllegalArgumentException("too many storage slots in override");
    }
    Map<Bytes32, Bytes32> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Hash key = JsonValues.hash(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()));
      out.put(key.bytes(), JsonValues.hash(e.getValue()).bytes());
    }
    return out;
  }

  /** eth_call's fourth argument. */
  static BlockOverrides blockOverrides(JsonNode n) {
    requireObject(n, "block override");
    return new BlockOverrides(
        opt(n, "number", JsonValues::quantity),
        opt(n, "difficulty", JsonValues::quantity),
        optLong(n, "time"),
        optLong(n, "gasLimit"),
        opt(n, "feeRecipient", JsonValues::address),
        opt(n, "prevRandao", JsonValues::hash),
        opt(n, "baseFeePerGas", JsonValues::quantity),
        opt(n, "blobBaseFee", JsonValues::quantity));
  }

  private static void requireObject(JsonNode n, String what) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("cannot unmarshal non-object into " + what);
    }
  }

  private static <T> List<T> list(JsonNode n, String what, Function<JsonNode, T> item) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("cannot unmarshal non-array into " + what);
    }
    if (n.size() > MAX_LIST) {
      throw new IllegalArgumentException(what + " has more than " + MAX_LIST + " entries");
    }
    List<T> out = new ArrayList<>(n.size());
    for (JsonNode e : n) {
      out.add(item.apply(e));
    }
    return out;
  }

  private static <T> T member(JsonNode n, String name, Function<JsonNode, T> reader) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing required field '" + name + "'");
    }
    return field(name, v, reader);
  }

  private static <T> Optional<T> opt(JsonNode n, String name, Function<JsonNode, T> reader) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(field(name, v, reader));
  }

  private static OptionalLong optLong(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull()
        ? OptionalLong.empty()
        : OptionalLong.of(field(name, v, JsonValues::quantityLong));
  }

  private static <T> T field(String name, JsonNode v, Function<JsonNode, T> reader) {
    try {
      return reader.apply(v);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m.startsWith("field ") ? m : "field " + name + ": " + m, e);
    }
  }
}
