package io.opal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OpalMainTest {

  private static String runCapturing(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new OpalMain());
    cli.setOut(new PrintWriter(out));
    assertEquals(expectedExit, cli.execute(args));
    return out.toString();
  }

  @Test
  void helpListsTheSubcommands() {
    String help = runCapturing(0, "--help");
    assertTrue(help.contains("Usage: opal"), help);
    assertTrue(help.contains("version"), help);
  }

  @Test
  void versionPrintsTheBuiltVersion() {
    String v = runCapturing(0, "version");
    assertTrue(v.startsWith("opal " + OpalVersion.version()), v);
    assertTrue(!OpalVersion.version().equals("unknown"), "version resource is filtered at build");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, new CommandLine(new OpalMain()).execute("no-such-command"));
  }
}
