package io.opal.consensus.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.consensus.l1.abi.AbiCodec;
import io.opal.consensus.l1.abi.AbiFunction;
import io.opal.consensus.l1.abi.AbiType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * One compiled contract from the pinned OP contracts package: its JSON ABI, creation and runtime
 * bytecode, the offsets of immutables in the runtime code (keyed by the compiler's AST id), and the
 * storage layout of its state variables.
 *
 * @param abi the solc/forge JSON ABI: an array of entries (functions, constructor, events...)
 */
public record ContractArtifact(
    String name,
    JsonNode abi,
    Bytes creationCode,
    Bytes runtimeCode,
    Map<String, List<ImmutableReference>> immutableReferences,
    Optional<StorageLayout> storageLayout) {

  public ContractArtifact {
    immutableReferences = Map.copyOf(immutableReferences);
  }

  /** A 32-byte word of runtime code the constructor fills with an immutable's value. */
  public record ImmutableReference(int start, int length) {}

  /** The layout, or an error naming the contract when the artifact has none. */
  public StorageLayout layout() {
    return storageLayout.orElseThrow(
        () -> new IllegalStateException(name + " artifact has no storage layout"));
  }

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

  /**
   * A creation's data: the creation code followed by the constructor arguments, encoded as the
   * ABI's constructor declares them (so a missing or ill-typed argument fails here, not on chain).
   *
   * @throws IllegalArgumentException if the arguments do not match the constructor
   */
  public Bytes creationData(Object... constructorArgs) {
    return Bytes.concatenate(
        creationCode, AbiCodec.encode(constructorInputs(), Arrays.asList(constructorArgs)));
  }
}
