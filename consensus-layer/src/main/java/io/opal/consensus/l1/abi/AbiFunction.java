package io.opal.consensus.l1.abi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.crypto.Keccak256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes;

/**
 * A contract function: its call data is the 4-byte selector (keccak256 of the signature) followed
 * by the ABI encoding of the arguments; its return data the encoding of the outputs.
 */
public record AbiFunction(String name, List<AbiType> inputs, List<AbiType> outputs) {

  public AbiFunction {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * Parses {@code "name(type,...)"}, optionally followed by {@code " returns (type,...)"}: for
   * example {@code "balanceOf(address) returns (uint256)"}.
   */
  public static AbiFunction parse(String signature) {
    String s = signature.strip();
    String outputs = "";
    int returns = s.indexOf(" returns ");
    if (returns >= 0) {
      outputs = s.substring(returns + " returns ".length()).strip();
      if (!outputs.startsWith("(") || !outputs.endsWith(")")) {
        throw new IllegalArgumentException("returns needs a parenthesised type list: " + signature);
      }
      outputs = outputs.substring(1, outputs.length() - 1);
      s = s.substring(0, returns).strip();
    }
    int open = s.indexOf('(');
    if (open <= 0 || !s.endsWith(")")) {
      throw new IllegalArgumentException("not a function signature: " + signature);
    }
    return new AbiFunction(
        s.substring(0, open),
        AbiType.parseList(s.substring(open + 1, s.length() - 1)),
        AbiType.parseList(outputs));
  }

  /** A function entry of a JSON ABI (solc / forge artifact). */
  public static AbiFunction fromJson(JsonNode entry) {
    return new AbiFunction(
        entry.path("name").asText(), typesOf(entry.path("inputs")), typesOf(entry.path("outputs")));
  }

  /** The types of a JSON ABI parameter list, with tuples built from their components. */
  public static List<AbiType> typesOf(JsonNode params) {
    List<AbiType> types = new ArrayList<>();
    for (JsonNode p : params) {
      types.add(typeOf(p));
    }
    return types;
  }

  private static AbiType typeOf(JsonNode param) {
    String type = param.path("type").asText();
    if (type.startsWith("tuple")) {
      String suffix = type.substring("tuple".length());
      String tuple =
          typesOf(param.path("components")).stream()
              .map(AbiType::canonical)
              .collect(Collectors.joining(",", "(", ")"));
      return AbiType.parse(tuple + suffix);
    }
    return AbiType.parse(type);
  }

  /** {@code name(type,...)} with canonical type names. */
  public String signature() {
    return name
        + inputs.stream().map(AbiType::canonical).collect(Collectors.joining(",", "(", ")"));
  }

  public Bytes selector() {
    byte[] h = Keccak256.hash(signature().getBytes(StandardCharsets.US_ASCII));
    return Bytes.wrap(Arrays.copyOf(h, 4));
  }

  /** The call data: selector and encoded arguments. */
  public Bytes encodeCall(Object... args) {
    return Bytes.concatenate(selector(), AbiCodec.encode(inputs, Arrays.asList(args)));
  }

  /** The return values of a call. */
  public List<Object> decodeOutput(Bytes returnData) {
    return AbiCodec.decode(outputs, returnData);
  }
}
