package io.opal.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code opal devnet} in a child JVM (the same main the {@code ./opal} launcher runs, on this
 * test's class path): started, watched through its output, stopped with SIGTERM as Ctrl-C would.
 */
final class DevnetProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final Path datadir;

  private DevnetProcess(Process process, Path datadir) {
    this.process = process;
    this.datadir = datadir;
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output closed: " + e + ")");
              }
            });
  }

  /** Starts {@code opal devnet --datadir datadir args...} and waits until it is serving. */
  static DevnetProcess start(Path datadir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xss4m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.opal.app.OpalMain");
    command.add("devnet");
    command.add("--datadir");
    command.add(datadir.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    DevnetProcess d = new DevnetProcess(p, datadir);
    d.awaitLine(l -> l.contains("devnet.json "), 180);
    return d;
  }

  /** Waits for an output line matching {@code what}; fails with the output so far. */
  String awaitLine(Predicate<String> what, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      synchronized (lines) {
        for (String l : lines) {
          if (what.test(l)) {
            return l;
          }
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("opal devnet exited " + process.exitValue() + ":\n" + output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "opal devnet: expected line not seen in " + seconds + " s:\n" + output());
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** {@code devnet.json} as written by this run. */
  JsonNode manifest() throws IOException {
    return Tools.JSON.readTree(Files.readString(datadir.resolve("devnet.json")));
  }

  /** SIGTERM (what Ctrl-C does), then waits; the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("opal devnet did not stop within 60 s:\n" + output());
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook runs, as in a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("opal devnet survived SIGKILL");
    }
    Thread.sleep(200); // let the reader thread take the last lines
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
