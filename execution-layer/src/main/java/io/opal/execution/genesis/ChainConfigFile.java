package io.opal.execution.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.config.ConfigException;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.config.RollupConfigParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A chain's rollup configuration as the user gave it: op-node's {@code rollup.json}, or a
 * superchain-registry chain {@code .toml} together with its network's {@code superchain.toml}. The
 * text is kept as given (and stored in the database's metadata), so a node always re-reads exactly
 * what it was initialised with.
 *
 * @param format which of the two formats {@link #text} is in
 * @param text the file's content
 * @param superchainText the network's {@code superchain.toml} (superchain format only)
 * @param source the file name, for error messages
 */
public record ChainConfigFile(
    Format format, String text, Optional<String> superchainText, String source) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The two formats users have. */
  public enum Format {
    ROLLUP_JSON,
    SUPERCHAIN_TOML
  }

  /**
   * Reads {@code path}: a {@code .toml} file is a superchain-registry chain config (its network's
   * {@code superchain.toml} must sit in the same folder); anything else is read as {@code
   * rollup.json}. The content is parsed once here, so a bad file fails now.
   *
   * @throws ConfigException if a file is unreadable or invalid
   */
  public static ChainConfigFile load(Path path) {
    String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    ChainConfigFile file;
    if (name.toLowerCase(Locale.ROOT).endsWith(".toml")) {
      Path parent = path.toAbsolutePath().getParent();
      Path superchain = parent.resolve("superchain.toml");
      if (!Files.isRegularFile(superchain)) {
        throw new ConfigException(
            path
                + ": a superchain-registry chain config needs its network's superchain.toml beside"
                + " it, but "
                + superchain
                + " does not exist");
      }
      file =
          new ChainConfigFile(
              Format.SUPERCHAIN_TOML, read(path), Optional.of(read(superchain)), path.toString());
    } else {
      file = new ChainConfigFile(Format.ROLLUP_JSON, read(path), Optional.empty(), path.toString());
    }
    file.rollupConfig();
    return file;
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + path + ": " + e, e);
    }
  }

  /** Parses the rollup configuration. */
  public RollupConfig rollupConfig() {
    return switch (format) {
      case ROLLUP_JSON -> RollupConfigParser.fromRollupJson(text, source);
      case SUPERCHAIN_TOML ->
          RollupConfigParser.fromSuperchainToml(text, superchainText.orElseThrow(), source);
    };
  }

  /** The form stored in the database's {@code CHAIN_CONFIG} metadata: a small JSON object. */
  public byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", format.name().toLowerCase(Locale.ROOT));
    o.put("source", source);
    o.put("config", text);
    superchainText.ifPresent(s -> o.put("superchain", s));
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Reads {@link #toJson()}'s form back. */
  public static ChainConfigFile fromJson(byte[] json) {
    try {
      JsonNode o = JSON.readTree(json);
      Format format = Format.valueOf(o.get("format").asText().toUpperCase(Locale.ROOT));
      JsonNode superchain = o.get("superchain");
      return new ChainConfigFile(
          format,
          o.get("config").asText(),
          superchain == null ? Optional.empty() : Optional.of(superchain.asText()),
          o.get("source").asText());
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("the chain config stored in the database is unreadable: " + e, e);
    }
  }
}
