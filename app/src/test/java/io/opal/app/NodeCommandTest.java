package io.opal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NodeCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new OpalMain());
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void onlyDevModeExists() {
    assertEquals(2, run("node"));
    assertTrue(err.toString().contains("only --dev"), err.toString());
  }

  @Test
  void rejectsABlockTimeBelowOneSecond() {
    assertEquals(2, run("node", "--dev", "--block-time", "0"));
    assertTrue(err.toString().contains("--block-time"), err.toString());
  }
}
