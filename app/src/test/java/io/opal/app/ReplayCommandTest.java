package io.opal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code opal replay} on the real OP Sepolia fixtures, and on broken copies of them. */
class ReplayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OpalMain());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureMatches() {
    List<Path> files = Fixtures.jsonFiles("op-execution");
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Run r = run("replay", file.toString());
                      assertEquals(0, r.exit(), r.out() + r.err());
                      String expected = Fixtures.readJson(file).get("expected_block_hash").asText();
                      assertTrue(r.out().contains("computed " + expected), r.out());
                      assertTrue(r.out().contains("expected " + expected), r.out());
                      assertTrue(r.out().strip().endsWith("match"), r.out());
                    }));
  }

  @Test
  void aChangedAttributeIsReportedWithTheFieldsThatDiffer(@TempDir Path dir) throws Exception {
    Path first = Fixtures.require("op-execution/op-sepolia-block-26207960.json");
    Path next = Fixtures.require("op-execution/op-sepolia-block-26207961.json");
    ObjectNode fixture = (ObjectNode) JSON.readTree(first.toFile());
    ((ObjectNode) fixture.get("executing_payload")).put("gasLimit", "0x3938701");
    Path changed = dir.resolve("changed.json");
    JSON.writeValue(changed.toFile(), fixture);
    // The next block's fixture names the real header of this one.
    Files.copy(next, dir.resolve("next.json"));
    Run r = run("replay", changed.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("MISMATCH"), r.out());
    assertTrue(r.out().contains("gasLimit: expected 60000000, got 60000001"), r.out());
  }

  @Test
  void aWitnessWithoutTheStateRootNodeIsACleanError(@TempDir Path dir) throws Exception {
    Path first = Fixtures.require("op-execution/op-sepolia-block-26207960.json");
    ObjectNode fixture = (ObjectNode) JSON.readTree(first.toFile());
    String root = fixture.get("parent_header").get("stateRoot").asText();
    ((ObjectNode) fixture.get("witness")).remove(root);
    Path broken = dir.resolve("broken.json");
    JSON.writeValue(broken.toFile(), fixture);
    Run r = run("replay", broken.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("the witness lacks trie node " + root), r.out());
  }

  @Test
  void aFileThatIsNoFixtureIsRejectedByName(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"rollup_config\": {}}");
    Run r = run("replay", bad.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("cannot load the fixture"), r.err());
  }
}
