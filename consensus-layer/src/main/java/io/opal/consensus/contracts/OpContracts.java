package io.opal.consensus.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The OP contract artifacts packed into the consensus-layer jar at build time (resource {@value
 * #ARTIFACTS_RESOURCE}, extracted by {@code scripts/npm-tools.sh} from the pinned {@code
 * @eth-optimism/contracts-bedrock} package), and the network-upgrade creation code the OP specs
 * publish (packed into the execution-layer jar under {@value #UPGRADE_BYTECODE_DIR}).
 *
 * <p>The document is checked whole when it is read: a malformed artifact fails the load with an
 * {@link IllegalStateException} naming the contract and the field, rather than a bad deployment or
 * genesis later.
 */
public final class OpContracts {
  public static final String ARTIFACTS_RESOURCE = "io/opal/consensus/contracts/op-contracts.json";
  public static final String UPGRADE_BYTECODE_DIR = "io/opal/execution/op/upgrade-bytecode/";

  private static final Object LOCK = new Object();
  private static Optional<OpContracts> bundled;

  private final String source;
  private final Map<String, ContractArtifact> contracts;

  private OpContracts(String source, Map<String, ContractArtifact> contracts) {
    this.source = source;
    this.contracts = Map.copyOf(contracts);
  }

  /**
   * The artifacts packed into the jar (read and checked once), or empty when the build ran without
   * npm and so has none.
   */
  public static Optional<OpContracts> load() {
    synchronized (LOCK) {
      if (bundled == null) {
        bundled =
            readResource(ARTIFACTS_RESOURCE).map(json -> parse(json, "/" + ARTIFACTS_RESOURCE));
      }
      return bundled;
    }
  }

  /** As {@link #load()}, failing with a message that says how to get them. */
  public static OpContracts bundled() {
    return load()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the OP contract artifacts ("
                        + ARTIFACTS_RESOURCE
                        + ") are not in this build: install npm, then rebuild with ./mvnw (it"
                        + " runs scripts/npm-tools.sh)"));
  }

  /**
   * Parses the {@code {source, contracts: {Name: {abi, bytecode, deployedBytecode,
   * immutableReferences, storageLayout}}}} document.
   *
   * @param origin where the document came from, for error messages
   * @throws IllegalStateException if it is not such a document
   */
  public static OpContracts parse(byte[] json, String origin) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(origin + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode list = root == null ? null : root.get("contracts");
    if (list == null || !list.isObject()) {
      throw new IllegalStateException(origin + ": missing 'contracts' object");
    }
    Map<String, ContractArtifact> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), new ArtifactReader(origin, e.getKey()).artifact(e.getValue()));
    }
    return new OpContracts(root.path("source").asText("unknown"), out);
  }

  /** Where the artifacts came from, e.g. {@code @eth-optimism/contracts-bedrock@0.17.3}. */
  public String source() {
    return source;
  }

  public Optional<ContractArtifact> find(String name) {
    return Optional.ofNullable(contracts.get(name));
  }

  /**
   * @throws IllegalArgumentException if there is no artifact of that name
   */
  public ContractArtifact get(String name) {
    ContractArtifact a = contracts.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no artifact for contract " + name + " in " + source);
    }
    return a;
  }

  /**
   * The creation code of a network-upgrade deployment as the specs publish it, for example {@code
   * jovian-l1-block-deployment}.
   *
   * @throws IllegalStateException if there is no such resource or it is not hex
   */
  public static Bytes upgradeCreationCode(String name) {
    String path = UPGRADE_BYTECODE_DIR + name + ".txt";
    byte[] text =
        readResource(path)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "resource "
                            + path
                            + " is not on the classpath: build with ./mvnw (it packs the specs'"
                            + " upgrade bytecode into the execution-layer jar)"));
    try {
      return Bytes.wrap(Hex.decode(new String(text, StandardCharsets.US_ASCII).trim()));
    } catch (DecodingException e) {
      throw new IllegalStateException(path + ": not hex: " + e.getMessage(), e);
    }
  }

  private static Optional<byte[]> readResource(String path) {
    try (InputStream in = OpContracts.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  /** Reads one contract's entry, every error naming the document and the contract. */
  private record ArtifactReader(String origin, String name) {

    ContractArtifact artifact(JsonNode n) {
      if (!n.isObject()) {
        throw fail("not an object");
      }
      JsonNode abi = n.get("abi");
      if (abi == null || !abi.isArray()) {
        throw fail("'abi' is not an array");
      }
      String creation = text(n, "bytecode");
      if (creation.contains("__$")) {
        // Placeholders for library addresses: the code is not runnable until linked.
        throw fail("needs linked libraries, which Opal does not link");
      }
      Bytes runtime = hex(text(n, "deployedBytecode"), "deployedBytecode");
      return new ContractArtifact(
          name,
          abi,
          hex(creation, "bytecode"),
          runtime,
          immutables(n.path("immutableReferences"), runtime.size()),
          layout(n.path("storageLayout")));
    }

    private Map<String, List<ContractArtifact.ImmutableReference>> immutables(
        JsonNode n, int codeSize) {
      if (n.isMissingNode()) {
        return Map.of();
      }
      if (!n.isObject()) {
        throw fail("'immutableReferences' is not an object");
      }
      Map<String, List<ContractArtifact.ImmutableReference>> refs = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<ContractArtifact.ImmutableReference> ranges = new ArrayList<>();
        for (JsonNode r : e.getValue()) {
          int start = integer(r, "start");
          int length = integer(r, "length");
          if (length > codeSize - start) {
            throw fail("immutable " + e.getKey() + " lies outside the runtime code");
          }
          ranges.add(new ContractArtifact.ImmutableReference(start, length));
        }
        refs.put(e.getKey(), List.copyOf(ranges));
      }
      return refs;
    }

    private Optional<StorageLayout> layout(JsonNode n) {
      if (n.isMissingNode() || n.isNull()) {
        return Optional.empty();
      }
      if (!n.isObject()) {
        throw fail("'storageLayout' is not an object");
      }
      JsonNode types = n.path("types");
      Map<String, StorageLayout.Variable> vars = new HashMap<>();
      for (JsonNode v : n.path("storage")) {
        String type = text(v, "type");
        String label = text(v, "label");
        // solc omits nothing here; a variable whose type is not described is a broken layout.
        JsonNode typeInfo = types.path(type);
        int size = integer(typeInfo, "numberOfBytes");
        int offset = integer(v, "offset");
        if (offset > 31) {
          throw fail(label + ": offset " + offset + " is outside a 32-byte slot");
        }
        vars.put(label, new StorageLayout.Variable(label, slot(v, label), offset, size, type));
      }
      return Optional.of(new StorageLayout(vars));
    }

    private BigInteger slot(JsonNode v, String label) {
      String slot = text(v, "slot");
      if (slot.isEmpty() || slot.length() > 78 || !slot.chars().allMatch(Character::isDigit)) {
        throw fail(label + ": slot '" + slot + "' is not a decimal number");
      }
      return new BigInteger(slot);
    }

    private String text(JsonNode n, String field) {
      JsonNode v = n.get(field);
      if (v == null || !v.isTextual()) {
        throw fail("'" + field + "' is not a string");
      }
      return v.asText();
    }

    /** A non-negative int, written as a JSON number or (as solc writes sizes) a decimal string. */
    private int integer(JsonNode n, String field) {
      JsonNode v = n.get(field);
      if (v != null && v.isInt() && v.intValue() >= 0) {
        return v.intValue();
      }
      if (v != null && v.isTextual() && v.asText().matches("[0-9]{1,9}")) {
        return Integer.parseInt(v.asText());
      }
      throw fail("'" + field + "' is not a non-negative integer");
    }

    private Bytes hex(String text, String field) {
      // Hex.decode reads an odd digit count as a quantity; in code it means a truncated artifact.
      if (text.length() % 2 != 0) {
        throw fail("'" + field + "' has an odd number of hex digits");
      }
      try {
        return Bytes.wrap(Hex.decode(text));
      } catch (DecodingException e) {
        throw fail("'" + field + "' is not hex: " + e.getMessage());
      }
    }

    private IllegalStateException fail(String reason) {
      return new IllegalStateException(origin + ": contract " + name + ": " + reason);
    }
  }
}
