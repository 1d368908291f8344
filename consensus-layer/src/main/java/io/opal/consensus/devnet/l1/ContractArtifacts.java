package io.opal.consensus.devnet.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.primitives.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes;

/**
 * The OP contract artifacts packed into the consensus-layer jar at build time (resource {@value
 * #RESOURCE}, extracted by {@code scripts/npm-tools.sh} from the pinned
 * {@code @eth-optimism/contracts-bedrock} package).
 */
public final class ContractArtifacts {
  public static final String RESOURCE = "/io/opal/consensus/contracts/op-contracts.json";

  private final String source;
  private final JsonNode contracts;
  private final Map<String, ContractArtifact> parsed = new ConcurrentHashMap<>();

  private ContractArtifacts(String source, JsonNode contracts) {
    this.source = source;
    this.contracts = contracts;
  }

  /** The packed artifacts, or empty when the build ran without npm (no resource). */
  public static Optional<ContractArtifacts> load() {
    try (InputStream in = ContractArtifacts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      JsonNode root = new ObjectMapper().readTree(in);
      return Optional.of(
          new ContractArtifacts(root.path("source").asText(), root.path("contracts")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** As {@link #load()}, failing with a message that says how to get them. */
  public static ContractArtifacts require() {
    return load()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the OP contract artifacts ("
                        + RESOURCE
                        + ") are not in this build: install npm, then rebuild with ./mvnw (it runs"
                        + " scripts/npm-tools.sh)"));
  }

  /** The npm package and version, e.g. {@code @eth-optimism/contracts-bedrock@0.17.3}. */
  public String source() {
    return source;
  }

  public ContractArtifact get(String name) {
    return parsed.computeIfAbsent(name, this::parse);
  }

  private ContractArtifact parse(String name) {
    JsonNode c = contracts.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no artifact for contract " + name + " in " + source);
    }
    String creation = c.path("bytecode").asText();
    if (creation.contains("__$")) {
      throw new IllegalStateException(name + " needs linked libraries, which Opal does not link");
    }
    return new ContractArtifact(
        name,
        c.path("abi"),
        Bytes.wrap(Hex.decode(creation)),
        Bytes.wrap(Hex.decode(c.path("deployedBytecode").asText())));
  }
}
