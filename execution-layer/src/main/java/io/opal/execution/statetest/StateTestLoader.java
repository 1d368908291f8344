package io.opal.execution.statetest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.Authorization;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.tuweni.units.bigints.UInt256;

/** Reads state-test JSON files (one tree per file) into {@link StateTest}s. */
public final class StateTestLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateTestLoader() {}

  /**
   * Every test in the file.
   *
   * @throws IOException when the file cannot be read or is not a well-formed state test (a missing
   *     field or a malformed value is reported with the test's name)
   */
  public static List<StateTest> load(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<StateTest> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        out.add(parse(e.getKey(), e.getValue()));
      } catch (RuntimeException malformed) {
        throw new IOException(
            "malformed state test " + e.getKey() + " in " + file + ": " + malformed, malformed);
      }
    }
    return out;
  }

  static StateTest parse(String name, JsonNode t) {
    return new StateTest(
        name,
        env(t.get("env")),
        pre(t.get("pre")),
        transaction(t.get("transaction")),
        post(t.get("post")));
  }

  private static StateTest.Env env(JsonNode e) {
    return new StateTest.Env(
        Address.fromHex(e.get("currentCoinbase").asText()),
        num(e.get("currentNumber")).longValueExact(),
        num(e.get("currentTimestamp")).longValue(),
        num(e.get("currentGasLimit")).longValue(),
        u256(e.get("currentDifficulty")),
        opt(e, "currentBaseFee", StateTestLoader::u256),
        opt(e, "currentRandom", n -> Hash.wrap(pad32(Hex.decode(n.asText())))),
        opt(e, "currentExcessBlobGas", n -> num(n).longValue()));
  }

  private static Map<Address, StateTest.PreAccount> pre(JsonNode p) {
    Map<Address, StateTest.PreAccount> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = p.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = e.getValue();
      Map<Word256, Word256> storage = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> st = a.get("storage").fields();
      while (st.hasNext()) {
        Map.Entry<String, JsonNode> s = st.next();
        storage.put(word(s.getKey()), word(s.getValue().asText()));
      }
      out.put(
          Address.fromHex(e.getKey()),
          new StateTest.PreAccount(
              num(a.get("nonce")).longValue(),
              u256(a.get("balance")),
              Hex.decode(a.get("code").asText()),
              storage));
    }
    return out;
  }

  private static StateTest.Transaction transaction(JsonNode t) {
    List<byte[]> data = new ArrayList<>();
    t.get("data").forEach(d -> data.add(Hex.decode(d.asText())));
    List<BigInteger> gas = new ArrayList<>();
    t.get("gasLimit").forEach(g -> gas.add(num(g)));
    List<BigInteger> value = new ArrayList<>();
    t.get("value").forEach(v -> value.add(num(v)));
    String to = t.get("to").asText();
    byte[] key = Hex.decode(t.get("secretKey").asText());
    return new StateTest.Transaction(
        data,
        gas,
        value,
        num(t.get("nonce")),
        opt(t, "gasPrice", StateTestLoader::num),
        opt(t, "maxFeePerGas", StateTestLoader::num),
        opt(t, "maxPriorityFeePerGas", StateTestLoader::num),
        opt(t, "accessLists", StateTestLoader::accessLists),
        opt(t, "blobVersionedHashes", StateTestLoader::hashes),
        opt(t, "maxFeePerBlobGas", StateTestLoader::num),
        opt(t, "authorizationList", StateTestLoader::authorizations),
        to.isEmpty() ? Optional.empty() : Optional.of(Address.fromHex(to)),
        Secp256k1.get().address(key));
  }

  private static List<Optional<List<AccessListEntry>>> accessLists(JsonNode n) {
    List<Optional<List<AccessListEntry>>> out = new ArrayList<>();
    for (JsonNode list : n) {
      if (list.isNull()) {
        out.add(Optional.empty());
        continue;
      }
      List<AccessListEntry> items = new ArrayList<>();
      for (JsonNode item : list) {
        items.add(
            new AccessListEntry(
                Address.fromHex(item.get("address").asText()), hashes(item.get("storageKeys"))));
      }
      out.add(Optional.of(items));
    }
    return out;
  }

  private static List<Hash> hashes(JsonNode n) {
    List<Hash> out = new ArrayList<>();
    n.forEach(h -> out.add(Hash.wrap(pad32(Hex.decode(h.asText())))));
    return out;
  }

  private static List<Authorization> authorizations(JsonNode n) {
    List<Authorization> out = new ArrayList<>();
    for (JsonNode a : n) {
      JsonNode parity = a.has("yParity") ? a.get("yParity") : a.get("v");
      out.add(
          new Authorization(
              u256(a.get("chainId")),
              Address.fromHex(a.get("address").asText()),
              num(a.get("nonce")).longValue(),
              num(parity).intValue(),
              u256(a.get("r")),
              u256(a.get("s"))));
    }
    return out;
  }

  private static Map<String, List<StateTest.PostState>> post(JsonNode p) {
    Map<String, List<StateTest.PostState>> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = p.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      List<StateTest.PostState> list = new ArrayList<>();
      for (JsonNode ps : e.getValue()) {
        JsonNode idx = ps.get("indexes");
        list.add(
            new StateTest.PostState(
                Hash.fromHex(ps.get("hash").asText()),
                Hash.fromHex(ps.get("logs").asText()),
                idx.get("data").asInt(),
                idx.get("gas").asInt(),
                idx.get("value").asInt(),
                opt(ps, "expectException", JsonNode::asText),
                ps.has("txbytes") ? Hex.decode(ps.get("txbytes").asText()) : new byte[0]));
      }
      out.put(e.getKey(), list);
    }
    return out;
  }

  // ------------------------------------------------------------------ values

  private static <T> Optional<T> opt(JsonNode parent, String field, Function<JsonNode, T> f) {
    JsonNode n = parent.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(f.apply(n));
  }

  /** A hex ("0x..") or decimal number of any size. */
  static BigInteger num(JsonNode n) {
    String s = n.asText();
    if (s.startsWith("0x:bigint ")) {
      s = s.substring("0x:bigint ".length()); // a value deliberately beyond its range
    }
    if (s.startsWith("0x") || s.startsWith("0X")) {
      String digits = s.substring(2);
      return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
    }
    return s.isEmpty() ? BigInteger.ZERO : new BigInteger(s);
  }

  private static UInt256 u256(JsonNode n) {
    return UInt256.valueOf(num(n));
  }

  private static Word256 word(String hex) {
    BigInteger v = num(new com.fasterxml.jackson.databind.node.TextNode(hex));
    return Word256.fromBytesPadded(trim(v.toByteArray()));
  }

  private static byte[] trim(byte[] b) {
    if (b.length > 1 && b[0] == 0) {
      return java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    return b;
  }

  private static byte[] pad32(byte[] b) {
    if (b.length >= 32) {
      return b;
    }
    byte[] out = new byte[32];
    System.arraycopy(b, 0, out, 32 - b.length, b.length);
    return out;
  }
}
