package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Address;
import io.opal.primitives.crypto.Secp256k1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Assumptions;

/**
 * A real anvil (Foundry's dev node, from the pinned npm package) on a free loopback port, as the L1
 * of tests. Its own JSON-RPC calls (mining, snapshots) go through a plain JDK HTTP client, apart
 * from the code under test.
 */
public final class Anvil implements AutoCloseable {
  /** The first dev accounts of the "test test ... junk" mnemonic, as anvil funds them. */
  public static final List<Bytes32> DEV_KEYS =
      List.of(
          Bytes32.fromHexString(
              "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
          Bytes32.fromHexString(
              "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
          Bytes32.fromHexString(
              "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
          Bytes32.fromHexString(
              "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"),
          Bytes32.fromHexString(
              "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private Anvil(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static Address devAddress(int i) {
    return Secp256k1.get().address(DEV_KEYS.get(i).toArray());
  }

  /** The repository root (the directory holding tools/js), from the module's working directory. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("tools/js"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no tools/js above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** The native anvil binary of the npm package, else its node launcher; empty if not installed. */
  public static Optional<Path> binary() {
    Path modules = projectRoot().resolve("tools/js/node_modules");
    Path scoped = modules.resolve("@foundry-rs");
    if (Files.isDirectory(scoped)) {
      try (Stream<Path> dirs = Files.list(scoped)) {
        Optional<Path> nativeBinary =
            dirs.filter(d -> d.getFileName().toString().startsWith("anvil-"))
                .map(d -> d.resolve("bin/anvil"))
                .filter(Files::isExecutable)
                .findFirst();
        if (nativeBinary.isPresent()) {
          return nativeBinary;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Path launcher = modules.resolve(".bin/anvil");
    return Files.isExecutable(launcher) ? Optional.of(launcher) : Optional.empty();
  }

  /** Skips the calling test, saying why, when anvil is not installed. */
  public static Path requireBinary() {
    Optional<Path> b = binary();
    Assumptions.assumeTrue(
        b.isPresent(),
        "anvil is not installed, skipped: run scripts/npm-tools.sh (needs npm) to get tools/js/node_modules");
    return b.get();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts anvil (Prague rules, automine) on {@code port} and waits until it answers. */
  public static Anvil start(int port, String... extraArgs) {
    Path binary = requireBinary();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--hardfork",
                "prague",
                "--threads",
                "1"));
    cmd.addAll(List.of(extraArgs));
    try {
      Path log = Path.of("target", "anvil-" + port + ".log");
      Files.createDirectories(log.getParent());
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Anvil anvil = new Anvil(p, port);
      anvil.awaitReady();
      return anvil;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "anvil exited with " + process.exitValue() + "; see target/anvil-" + port + ".log");
      }
      try {
        rpc("eth_chainId");
        return;
      } catch (RuntimeException notYet) {
        sleep(100);
      }
    }
    close();
    throw new IllegalStateException("anvil did not answer on port " + port + " within 30 s");
  }

  public URI http() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI ws() {
    return URI.create("ws://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** A JSON-RPC call with plain parameters (strings, numbers, booleans, JsonNodes). */
  public JsonNode rpc(String method, Object... params) {
    ObjectNode req = JSON.createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", method);
    ArrayNode p = req.putArray("params");
    for (Object o : params) {
      p.add(JSON.valueToTree(o));
    }
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(http())
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      if (body.has("error")) {
        throw new IllegalStateException(method + ": " + body.get("error"));
      }
      return body.get("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Mines {@code n} empty blocks. */
  /**
   * Sends a raw transaction and waits (bounded) for its receipt: anvil answers
   * eth_sendRawTransaction before its automine has produced the block.
   */
  public JsonNode sendRawAndWait(String rawHex) {
    String hash = rpc("eth_sendRawTransaction", rawHex).asText();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      JsonNode receipt = rpc("eth_getTransactionReceipt", hash);
      if (receipt != null && !receipt.isNull()) {
        return receipt;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no receipt for " + hash + " within 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public void mine(int n) {
    for (int i = 0; i < n; i++) {
      rpc("evm_mine");
    }
  }

  public long blockNumber() {
    return Long.decode(rpc("eth_blockNumber").asText());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
