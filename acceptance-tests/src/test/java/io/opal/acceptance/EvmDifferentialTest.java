package io.opal.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.statetest.CaseResult;
import io.opal.execution.statetest.StateTest;
import io.opal.execution.statetest.StateTestLoader;
import io.opal.execution.statetest.StateTestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prague state tests for EIP-7702, EIP-7623 and EIP-2935 generated and filled by
 * {@code @ethereumjs/vm} ({@code tools/js/difftest}, seed 1, 600 cases): Opal's state-test runner
 * must reach the same post-state roots and logs hashes, and reject exactly the transactions
 * ethereumjs rejects. Skipped, naming what is missing, without node or the npm tools.
 */
class EvmDifferentialTest {

  @Test
  void pragueCasesAgreeWithEthereumjs() throws Exception {
    Path root = projectRoot();
    Path tools = root.resolve("tools/js");
    Assumptions.assumeTrue(
        Files.isDirectory(tools.resolve("node_modules/@ethereumjs")),
        () -> "npm tools missing, skipped: run scripts/npm-tools.sh (" + tools + "/node_modules)");
    Path out = Path.of("target/difftest").toAbsolutePath();
    deleteRecursively(out);
    Files.createDirectories(out);
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "node",
                  "difftest/generate.mjs",
                  "--out",
                  out.toString(),
                  "--count",
                  "600",
                  "--seed",
                  "1")
              .directory(tools.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.resolveSibling("difftest-generate.log").toFile())
              .start();
    } catch (IOException e) {
      Assumptions.abort("node is not installed, skipped: " + e.getMessage());
      return;
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the generator did not finish in 5 minutes");
    }
    assertEquals(0, p.exitValue(), "generator failed; see target/difftest-generate.log");

    StateTestRunner runner = new StateTestRunner(PrecompileSet::ethereum);
    int cases = 0;
    List<String> failures = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(out)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      for (StateTest t : StateTestLoader.load(file)) {
        for (CaseResult r : runner.runAll(t, Optional.of("Prague"))) {
          cases++;
          if (!r.passed()) {
            failures.add(
                file.getFileName()
                    + " "
                    + r.name()
                    + "["
                    + r.index()
                    + "]: "
                    + r.error().orElse(""));
          }
        }
      }
    }
    assertTrue(cases >= 500, "only " + cases + " cases generated");
    assertTrue(
        failures.isEmpty(),
        () ->
            failures.size()
                + " of the cases differ from ethereumjs (dump.mjs shows its post"
                + " state), first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("tools/js/difftest"))) {
      dir = dir.getParent();
    }
    Assumptions.assumeTrue(dir != null, "tools/js/difftest not found above the working directory");
    return dir;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
