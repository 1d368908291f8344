package io.opal.consensus.devnet.l1;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.consensus.l1.abi.AbiCodec;
import io.opal.consensus.l1.abi.AbiFunction;
import io.opal.consensus.l1.abi.AbiType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * One compiled contract of the pinned OP contracts package: its JSON ABI and its creation and
 * runtime bytecode.
 */
public record ContractArtifact(String name, JsonNode abi, Bytes bytecode, Bytes deployedBytecode) {

  /**
   * The function called {@code functionName}.
   *
   * @throws IllegalArgumentException if there is none, or several (overloads)
   */
  public AbiFunction function(String functionName) {
    List<AbiFunction> matches = new ArrayList<>();
    for (JsonNode entry : abi) {
      if ("function".equals(entry.path("type").asText())
          && functionName.equals(entry.path("name").asText())) {
        matches.add(AbiFunction.fromJson(entry));
      }
    }
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          name + " has " + matches.size() + " functions named " + functionName);
    }
    return matches.getFirst();
  }

  /** The constructor's parameter types (none if the ABI declares no constructor). */
  public List<AbiType> constructorInputs() {
    for (JsonNode entry : abi) {
      if ("constructor".equals(entry.path("type").asText())) {
        return AbiFunction.typesOf(entry.path("inputs"));
      }
    }
    return List.of();
  }

  /** Creation code followed by the ABI-encoded constructor arguments: a creation's data. */
  public Bytes creationCode(Object... constructorArgs) {
    return Bytes.concatenate(
        bytecode, AbiCodec.encode(constructorInputs(), Arrays.asList(constructorArgs)));
  }
}
