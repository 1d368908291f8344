package io.opal.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.app.node.OpalNode;
import io.opal.primitives.crypto.DevAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real ethers v6 and viem (tools/js/acceptance/*-check.mjs) against an in-process {@code opal
 * node --dev}: each script compiles a contract with solc, deploys and calls it, reads its logs
 * (receipts, getLogs topic filters, a logs subscription), receives newHeads over WebSocket and
 * checks replacement and nonce-gap rules; it exits 1 on any failed check. This test then checks
 * what the script reported against the node itself.
 */
class WalletClientsDevNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path datadir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ethers-check.mjs", "viem-check.mjs"})
  void walletClientScriptPasses(String script) throws Exception {
    Path tools = toolsDir();
    Path scriptPath = tools.resolve("acceptance").resolve(script);
    List<DevAccounts.DevAccount> dev = DevAccounts.standard(4);
    try (OpalNode node =
        OpalNode.startDev(
            new OpalNode.Options(datadir, "127.0.0.1", 0, Duration.ofSeconds(1)), b -> {})) {
      String rpc = "http://127.0.0.1:" + node.rpcPort();
      Map<String, String> env =
          Map.of(
              "RPC_URL", rpc,
              "WS_URL", "ws://127.0.0.1:" + node.rpcPort(),
              "CHAIN_ID", Long.toString(node.config().l2ChainId()),
              "KEY_A", dev.get(2).privateKey().toHexString(),
              "KEY_B", dev.get(3).privateKey().toHexString());
      JsonNode result = runScript(scriptPath, env);

      assertEquals(script.startsWith("ethers") ? "ethers" : "viem", result.get("client").asText());
      assertTrue(result.get("solc").asText().startsWith("0.8.37"), result.toString());
      String contract = result.get("contract").asText();
      assertTrue(rpc(rpc, "eth_getCode", contract, "latest").asText().length() > 2, contract);
      assertEquals(2, result.get("subscribedLogs").asInt());
      assertTrue(result.get("newHead").asLong() >= 1);
      for (JsonNode tx : result.get("recordTxs")) {
        JsonNode receipt = rpc(rpc, "eth_getTransactionReceipt", tx.asText());
        assertEquals("0x1", receipt.get("status").asText());
        assertEquals(1, receipt.get("logs").size());
      }
      assertTrue(
          result.get("underpriced").asText().contains("replacement transaction underpriced"),
          result.toString());
      assertEquals(
          "0x1",
          rpc(rpc, "eth_getTransactionReceipt", result.get("queuedReplacement").asText())
              .get("status")
              .asText());
      assertTrue(
          rpc(rpc, "eth_getTransactionReceipt", result.get("replacedQueued").asText()).isNull());
      assertNotEquals(
          result.get("queuedReplacement").asText(), result.get("replacedQueued").asText());
      assertEquals(
          "0x1",
          rpc(rpc, "eth_getTransactionReceipt", result.get("pendingReplacement").asText())
              .get("status")
              .asText());
    }
  }

  private static Path toolsDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("tools/js"))) {
      dir = dir.getParent();
    }
    Assumptions.assumeTrue(dir != null, "tools/js not found above the working directory");
    Path tools = dir.resolve("tools/js");
    Assumptions.assumeTrue(
        Files.isDirectory(tools.resolve("node_modules/ethers"))
            && Files.isDirectory(tools.resolve("node_modules/viem"))
            && Files.isDirectory(tools.resolve("node_modules/solc")),
        "ethers/viem/solc missing, skipped: run scripts/npm-tools.sh");
    return tools;
  }

  /** Runs the script with node; fails with its output unless it exits 0; returns its RESULT. */
  private static JsonNode runScript(Path script, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("node", script.toString())
            .directory(script.getParent().toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      Assumptions.abort("node is not installed: " + e.getMessage());
      throw e;
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(script.getFileName() + " timed out");
    }
    String output = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> script.getFileName() + " failed:\n" + output);
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("RESULT "))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + output));
    return JSON.readTree(line.substring("RESULT ".length()));
  }

  private static JsonNode rpc(String url, String method, String... params)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", List.of(params)));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    assertTrue(json.has("result"), json.toString());
    return json.get("result");
  }
}
