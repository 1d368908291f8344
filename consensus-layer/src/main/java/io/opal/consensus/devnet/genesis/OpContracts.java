package io.opal.consensus.devnet.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.primitives.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The OP contract artifacts packed into this jar at build time ({@code
 * io/opal/consensus/contracts/op-contracts.json}, extracted by {@code scripts/npm-tools.sh} from
 * the pinned {@code @eth-optimism/contracts-bedrock} package), and the network-upgrade creation
 * code the OP specs publish (packed into the execution-layer jar as {@code
 * io/opal/execution/op/upgrade-bytecode/*.txt}).
 */
public final class OpContracts {
  public static final String ARTIFACTS_RESOURCE = "io/opal/consensus/contracts/op-contracts.json";
  public static final String UPGRADE_BYTECODE_DIR = "io/opal/execution/op/upgrade-bytecode/";

  private static volatile OpContracts bundled;

  private final String source;
  private final Map<String, ContractArtifact> contracts;

  private OpContracts(String source, Map<String, ContractArtifact> contracts) {
    this.source = source;
    this.contracts = Map.copyOf(contracts);
  }

  /** The artifacts packed into the jar (read once). */
  public static OpContracts bundled() {
    OpContracts c = bundled;
    if (c == null) {
      synchronized (OpContracts.class) {
        if (bundled == null) {
          bundled = parse(readResource(ARTIFACTS_RESOURCE), ARTIFACTS_RESOURCE);
        }
        c = bundled;
      }
    }
    return c;
  }

  /** Parses the {@code {source, contracts: {Name: {...}}}} document. */
  public static OpContracts parse(byte[] json, String origin) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(origin + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode list = root.path("contracts");
    if (!list.isObject()) {
      throw new IllegalStateException(origin + ": missing 'contracts' object");
    }
    Map<String, ContractArtifact> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), artifact(e.getKey(), e.getValue()));
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
   */
  public static Bytes upgradeCreationCode(String name) {
    String path = UPGRADE_BYTECODE_DIR + name + ".txt";
    String text = new String(readResource(path), java.nio.charset.StandardCharsets.US_ASCII).trim();
    return Bytes.wrap(Hex.decode(text));
  }

  private static ContractArtifact artifact(String name, JsonNode n) {
    Map<String, List<ContractArtifact.ImmutableReference>> refs = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("immutableReferences").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<ContractArtifact.ImmutableReference> ranges = new ArrayList<>();
      for (JsonNode r : e.getValue()) {
        ranges.add(
            new ContractArtifact.ImmutableReference(
                r.path("start").asInt(), r.path("length").asInt()));
      }
      refs.put(e.getKey(), List.copyOf(ranges));
    }
    return new ContractArtifact(
        name,
        Bytes.wrap(Hex.decode(n.path("bytecode").asText("0x"))),
        Bytes.wrap(Hex.decode(n.path("deployedBytecode").asText("0x"))),
        Map.copyOf(refs),
        layout(n.path("storageLayout")));
  }

  private static Optional<StorageLayout> layout(JsonNode n) {
    if (!n.isObject()) {
      return Optional.empty();
    }
    JsonNode types = n.path("types");
    Map<String, StorageLayout.Variable> vars = new HashMap<>();
    for (JsonNode v : n.path("storage")) {
      String type = v.path("type").asText();
      int size = types.path(type).path("numberOfBytes").asInt(32);
      String label = v.path("label").asText();
      vars.put(
          label,
          new StorageLayout.Variable(
              label,
              new BigInteger(v.path("slot").asText("0")),
              v.path("offset").asInt(),
              size,
              type));
    }
    return Optional.of(new StorageLayout(vars));
  }

  private static byte[] readResource(String path) {
    try (InputStream in = OpContracts.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource "
                + path
                + " is not on the classpath: build with ./mvnw (it runs scripts/npm-tools.sh to"
                + " extract the OP contracts, and packs the specs' upgrade bytecode)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }
}
