package io.opal.execution.statetest;

import static org.junit.jupiter.api.Assertions.fail;

import io.opal.primitives.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/tests state tests: one dynamic test per (test, fork, index) case, a container per file.
 * Every case we do not run is listed below with the reason.
 */
class StateTestConformanceTest {
  private static final StateTestRunner RUNNER =
      new StateTestRunner(io.opal.execution.evm.PrecompileSet::ethereum);
  private static final StateTestRunner DRAFT_RUNNER =
      new StateTestRunner(DraftEip2537Precompiles::forFork);

  /** Whole files not run, by file name. */
  static final Map<String, String> SKIPPED_FILES =
      Map.of(
          "CALLBlake2f_MaxRounds",
          "2^32-1 BLAKE2 rounds (10 billion gas) take over a minute; too slow for the unit-test"
              + " budget — `opal evm statetest` runs it");

  /**
   * stEIP2537 was filled (April 2024, geth 1.14.0-unstable) against a draft of EIP-2537 with nine
   * precompiles at 0x0b-0x13 (G1ADD, G1MUL, G1MSM, G2ADD, G2MUL, G2MSM, PAIRING, MAP_FP_TO_G1,
   * MAP_FP2_TO_G2) and an older gas schedule. Prague as activated has seven at 0x0b-0x11 (the MUL
   * precompiles folded into MSM) with new prices, so these files call a different contract (or
   * none) or pay different gas. The files whose target and price are unchanged (G1MUL at 0x0c is
   * G1MSM with one pair, 12000 gas either way; the failure cases consume all gas either way) run.
   */
  static final Map<String, String> SKIPPED_EIP2537_PREFIXES =
      Map.ofEntries(
          Map.entry("g1_add_", "G1ADD price 500 in the draft, 375 in Prague"),
          Map.entry("g1_multiexp_", "draft G1MSM at 0x0d is G2ADD in Prague"),
          Map.entry("g2_add_", "draft G2ADD at 0x0e is G2MSM in Prague"),
          Map.entry("g2_mul_", "draft G2MUL at 0x0f is PAIRING_CHECK in Prague"),
          Map.entry("g2_multiexp_", "draft G2MSM at 0x10 is MAP_FP_TO_G1 in Prague"),
          Map.entry("extras_g2_multiexp_", "draft G2MSM at 0x10 is MAP_FP_TO_G1 in Prague"),
          Map.entry("pairing_", "draft PAIRING at 0x11 is MAP_FP2_TO_G2 in Prague"),
          Map.entry("fp_to_g1_", "draft MAP_FP_TO_G1 at 0x12 is no precompile in Prague"),
          Map.entry("extras_fp_to_g1_", "draft MAP_FP_TO_G1 at 0x12 is no precompile in Prague"),
          Map.entry("invalid_fp_encoding_", "draft MAP_FP_TO_G1 at 0x12: no precompile in Prague"),
          Map.entry("fp2_to_g2_", "draft MAP_FP2_TO_G2 at 0x13 is no precompile in Prague"),
          Map.entry("extras_fp2_to_g2_", "draft MAP_FP2_TO_G2 at 0x13 is no precompile in Prague"),
          Map.entry(
              "invalid_fp2_encoding_", "draft MAP_FP2_TO_G2 at 0x13: no precompile in Prague"));

  @TestFactory
  Stream<DynamicNode> generalStateTests() {
    return suite("ethereum-tests/GeneralStateTests", Map.of());
  }

  @TestFactory
  Stream<DynamicNode> eip2537StateTests() {
    return suite("ethereum-tests/EIPTests/StateTests/stEIP2537", SKIPPED_EIP2537_PREFIXES);
  }

  /**
   * The same files against the draft layout they were filled with ({@link
   * DraftEip2537Precompiles}).
   */
  @TestFactory
  Stream<DynamicNode> eip2537StateTestsOnTheirDraftLayout() {
    return suite("ethereum-tests/EIPTests/StateTests/stEIP2537", Map.of(), DRAFT_RUNNER);
  }

  /** Flat (no containers) so that every case is reported on its own; files load lazily. */
  private static Stream<DynamicNode> suite(String dir, Map<String, String> skippedPrefixes) {
    return suite(dir, skippedPrefixes, RUNNER);
  }

  private static Stream<DynamicNode> suite(
      String dir, Map<String, String> skippedPrefixes, StateTestRunner runner) {
    Path root = Fixtures.require(dir);
    return Fixtures.jsonFiles(dir).stream()
        .flatMap(f -> fileNodes(root, f, skipReason(f, skippedPrefixes), runner));
  }

  private static Optional<String> skipReason(Path file, Map<String, String> prefixes) {
    String name = file.getFileName().toString().replace(".json", "");
    if (SKIPPED_FILES.containsKey(name)) {
      return Optional.of(SKIPPED_FILES.get(name));
    }
    return prefixes.entrySet().stream()
        .filter(e -> name.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static Stream<DynamicNode> fileNodes(
      Path root, Path file, Optional<String> skip, StateTestRunner runner) {
    String display = root.relativize(file).toString();
    if (skip.isPresent()) {
      return Stream.of(
          DynamicTest.dynamicTest(display, () -> Assumptions.abort("skipped: " + skip.get())));
    }
    return caseTests(display, file, runner);
  }

  private static Stream<DynamicNode> caseTests(String display, Path file, StateTestRunner runner) {
    List<StateTest> tests;
    try {
      tests = StateTestLoader.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DynamicNode> out = new ArrayList<>();
    for (StateTest t : tests) {
      t.post()
          .forEach(
              (fork, posts) -> {
                for (int i = 0; i < posts.size(); i++) {
                  int index = i;
                  out.add(
                      DynamicTest.dynamicTest(
                          display + " " + t.name() + " " + fork + "[" + i + "]",
                          () -> check(runner.run(t, fork, index))));
                }
              });
    }
    return out.stream();
  }

  private static void check(CaseResult r) {
    switch (r.outcome()) {
      case PASS -> {}
      case SKIP -> Assumptions.abort(r.error().orElse("skipped"));
      case FAIL -> fail(r.name() + " " + r.fork() + "[" + r.index() + "]: " + r.error().orElse(""));
    }
  }
}
