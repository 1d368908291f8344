package io.opal.primitives.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared conformance data ({@code ../shared/fixtures} beside the project). A test whose
 * fixture is missing is skipped with a message naming the path, never silently green.
 */
public final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** The fixtures root: the {@code opal.fixtures} property, else found by walking up. */
  public static Path root() {
    String configured = System.getProperty("opal.fixtures");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured).normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("../shared/fixtures").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return Path.of(configured != null ? configured : "../shared/fixtures").toAbsolutePath();
  }

  /** The path below the root, skipping the calling test (with the path named) if it is absent. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), () -> "fixture missing, test skipped: " + p);
    return p;
  }

  /** Every {@code .json} file below {@code relative}, sorted, skipping the test if absent. */
  public static List<Path> jsonFiles(String relative) {
    Path dir = require(relative);
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }
}
