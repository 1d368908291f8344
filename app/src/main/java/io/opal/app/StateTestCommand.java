package io.opal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.statetest.CaseResult;
import io.opal.execution.statetest.DraftEip2537Precompiles;
import io.opal.execution.statetest.StateTest;
import io.opal.execution.statetest.StateTestLoader;
import io.opal.execution.statetest.StateTestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code opal evm statetest FILE|DIR... [--fork NAME]}: runs ethereum/tests state tests and prints
 * one JSON line per (test, fork, index) case, like geth's {@code evm statetest}, then a summary.
 */
@Command(
    name = "statetest",
    description =
        "Run ethereum/tests GeneralStateTests JSON files (or every .json below a directory). Prints"
            + " one JSON line per case, then 'N passed, M failed, K skipped'. Exit code 1 if any"
            + " case failed.")
final class StateTestCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "State test files or dirs.")
  List<Path> paths;

  @Option(names = "--fork", paramLabel = "NAME", description = "Only this fork (e.g. Cancun).")
  String fork;

  @Option(
      names = "--eip2537-draft",
      description =
          "Use the April-2024 draft layout of the BLS12-381 precompiles (0x0b-0x13) that"
              + " ethereum/tests' stEIP2537 fixtures were filled with, instead of Prague's final one.")
  boolean eip2537Draft;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StateTestRunner runner =
        new StateTestRunner(
            eip2537Draft ? DraftEip2537Precompiles::forFork : PrecompileSet::ethereum);
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    for (Path file : jsonFiles()) {
      List<StateTest> tests;
      try {
        tests = StateTestLoader.load(file);
      } catch (IOException e) {
        out.println(line(file.toString(), null, -1, false, null, "cannot read " + file + ": " + e));
        failed++;
        continue;
      }
      for (StateTest t : tests) {
        for (CaseResult r : runner.runAll(t, Optional.ofNullable(fork))) {
          switch (r.outcome()) {
            case PASS -> passed++;
            case FAIL -> failed++;
            case SKIP -> skipped++;
          }
          out.println(
              line(
                  r.name(),
                  r.fork(),
                  r.index(),
                  r.passed(),
                  r.stateRoot().map(Object::toString).orElse(null),
                  r.error().orElse(null)));
        }
      }
      out.flush();
    }
    out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
    out.flush();
    return failed > 0 ? 1 : 0;
  }

  private static String line(
      String name, String fork, int index, boolean pass, String root, String error) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name);
    o.put("fork", fork);
    if (index >= 0) {
      o.put("index", index);
    } else {
      o.putNull("index");
    }
    o.put("pass", pass);
    o.put("stateRoot", root);
    o.put("error", error);
    return o.toString();
  }

  private List<Path> jsonFiles() {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }
}
