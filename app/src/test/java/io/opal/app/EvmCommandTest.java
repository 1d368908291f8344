package io.opal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.primitives.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvmCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new OpalMain());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(expectedExit, cli.execute(args), out::toString);
    return out.toString();
  }

  @Test
  void runPrintsGasOutputAndTimes() throws Exception {
    // PUSH1 42 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN: 3 + 2 + 3 (+3 memory) + 3 + 2 = 16 gas.
    String out =
        run(
            0,
            "evm",
            "run",
            "--code",
            "0x602a5f5260205ff3",
            "--input",
            "0x",
            "--gas",
            "100000",
            "--repeat",
            "2",
            "--json");
    JsonNode o = JSON.readTree(out.strip());
    assertEquals(16, o.get("gasUsed").asLong());
    assertEquals("0x" + "00".repeat(31) + "2a", o.get("output").asText());
    assertEquals("success", o.get("status").asText());
    assertEquals(2, o.get("timeNanos").size());
  }

  @Test
  void runReportsHaltsAndRejectsBadHex() throws Exception {
    JsonNode o =
        JSON.readTree(run(0, "evm", "run", "--code", "0xfe", "--gas", "1000", "--json").strip());
    assertEquals("halt", o.get("status").asText());
    assertEquals(1000, o.get("gasUsed").asLong());
    run(2, "evm", "run", "--code", "0xzz");
  }

  @Test
  void stateTestPrintsOneLinePerCaseAndASummary() throws Exception {
    Path file = Fixtures.require("ethereum-tests/GeneralStateTests/stExample/add11.json");
    String[] lines = run(0, "evm", "statetest", file.toString()).strip().split("\n");
    JsonNode first = JSON.readTree(lines[0]);
    assertEquals("add11", first.get("name").asText());
    assertEquals("Cancun", first.get("fork").asText());
    assertEquals(0, first.get("index").asInt());
    assertTrue(first.get("pass").asBoolean());
    assertEquals(
        "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
        first.get("stateRoot").asText());
    assertEquals("1 passed, 0 failed, 0 skipped", lines[lines.length - 1]);
  }

  @Test
  void stateTestFailsOnBrokenInput(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("broken.json"), "{\"t\": {\"env\": 1}}");
    String out = run(1, "evm", "statetest", dir.toString());
    assertTrue(out.strip().endsWith("0 passed, 1 failed, 0 skipped"), out);
  }
}
