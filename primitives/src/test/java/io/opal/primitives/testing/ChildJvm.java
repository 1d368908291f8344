package io.opal.primitives.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM on the test classpath, for crash tests that kill a writer with SIGKILL mid-work and
 * check what the reopened store holds. The child prints progress lines on stdout; its stderr goes
 * to a log file that is quoted when it exits early.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code main} with {@code args} in a small JVM (serial GC, C1 only, given heap). */
  public static Process start(Class<?> main, String maxHeap, Path stderrLog, String... args)
      throws IOException {
    String javaBinary = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBinary,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + maxHeap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(stderrLog.toFile()).start();
  }

  /** The child's next progress line; fails with its stderr if it exited instead. */
  public static String readLine(BufferedReader out, Process child, Path stderrLog)
      throws IOException {
    String line = out.readLine();
    if (line == null) {
      String stderr = Files.exists(stderrLog) ? Files.readString(stderrLog) : "";
      throw new AssertionError("the child JVM exited early (" + child.onExit() + "): " + stderr);
    }
    return line;
  }
}
