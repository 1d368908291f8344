package io.opal.consensus.devnet.genesis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * One compiled contract from the pinned OP contracts package: creation and runtime bytecode, the
 * offsets of immutables in the runtime code (keyed by the compiler's AST id), and the storage
 * layout of its state variables.
 */
public record ContractArtifact(
    String name,
    Bytes creationCode,
    Bytes runtimeCode,
    Map<String, List<ImmutableReference>> immutableReferences,
    Optional<StorageLayout> storageLayout) {

  /** A 32-byte word of runtime code the constructor fills with an immutable's value. */
  public record ImmutableReference(int start, int length) {}

  /** The layout, or an error naming the contract when the artifact has none. */
  public StorageLayout layout() {
    return storageLayout.orElseThrow(
        () -> new IllegalStateException(name + " artifact has no storage layout"));
  }
}
