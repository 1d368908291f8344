package io.opal.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the acceptance tests share: the npm tools of {@code tools/js} (skipping a test whose tool is
 * missing), running them, free ports and plain JSON-RPC calls.
 */
final class Tools {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Tools() {}

  /** {@code tools/js} above the working directory; skips the test when absent. */
  static Path toolsDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("tools/js"))) {
      dir = dir.getParent();
    }
    Assumptions.assumeTrue(dir != null, "tools/js not found above the working directory");
    return dir.resolve("tools/js");
  }

  /**
   * An npm-installed binary ({@code cast}, {@code anvil}); skips the test when missing. Foundry's
   * native executable is preferred to npm's Node launcher, which would outlive a killed parent as
   * an orphan.
   */
  static Path bin(String name) {
    Path foundry = toolsDir().resolve("node_modules/@foundry-rs");
    if (Files.isDirectory(foundry)) {
      try (var dirs = Files.list(foundry)) {
        var found =
            dirs.filter(d -> d.getFileName().toString().startsWith(name + "-linux-"))
                .map(d -> d.resolve("bin").resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      } catch (IOException e) {
        // fall back to the launcher
      }
    }
    Path bin = toolsDir().resolve("node_modules/.bin").resolve(name);
    Assumptions.assumeTrue(
        Files.isExecutable(bin),
        () -> name + " missing, skipped: run scripts/npm-tools.sh (" + bin + ")");
    return bin;
  }

  /** Runs {@code binary}, fails with its output unless it exits 0 within a minute; its stdout. */
  static String run(Path binary, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    Path errFile = Files.createTempFile(binary.getFileName().toString(), ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(binary.getFileName() + " " + args[0] + " timed out");
      }
      String stdout = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(
            binary.getFileName()
                + " "
                + args[0]
                + " exited "
                + p.exitValue()
                + ": "
                + stdout
                + Files.readString(errFile));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(errFile);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A JSON-RPC call; the whole response object (result or error). */
  static JsonNode rpc(String url, Map<String, String> headers, String method, String paramsJson)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                        + method
                        + "\",\"params\":"
                        + paramsJson
                        + "}"));
    headers.forEach(b::header);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(method + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** A JSON-RPC call that must succeed; its result. */
  static JsonNode result(String url, String method, String paramsJson)
      throws IOException, InterruptedException {
    JsonNode r = rpc(url, Map.of(), method, paramsJson);
    if (r.has("error")) {
      throw new AssertionError(method + " " + paramsJson + ": " + r.get("error"));
    }
    return r.get("result");
  }
}
