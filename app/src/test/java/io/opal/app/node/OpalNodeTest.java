package io.opal.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dev node in-process on a temp datadir, driven over real HTTP JSON-RPC. */
class OpalNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Address RECIPIENT =
      Address.fromHex("0x00000000000000000000000000000000c0ffee01");

  @TempDir Path datadir;
  private final HttpClient http = HttpClient.newHttpClient();

  private OpalNode start() {
    return OpalNode.startDev(
        new OpalNode.Options(datadir, "127.0.0.1", 0, Duration.ofSeconds(1)), b -> {});
  }

  @Test
  void producesBlocksIncludesATransferAndResumesAfterRestart() throws Exception {
    String txHash;
    JsonNode headBeforeRestart;
    JsonNode genesisBeforeRestart;
    try (OpalNode node = start()) {
      int port = node.rpcPort();
      assertTrue(Files.isRegularFile(datadir.resolve("genesis.json")));
      assertTrue(Files.isRegularFile(datadir.resolve("rollup.json")));
      assertEquals(901, quantity(call(port, "eth_chainId")));
      assertEquals("901", call(port, "net_version").asText());
      assertTrue(call(port, "web3_clientVersion").asText().startsWith("Opal/v"));

      long first = quantity(call(port, "eth_blockNumber"));
      waitFor(() -> quantity(call(port, "eth_blockNumber")) > first, "block number advances");

      DevAccounts.DevAccount sender = DevAccounts.standard(1).get(0);
      UInt256 before =
          UInt256.fromHexString(call(port, "eth_getBalance", hex(RECIPIENT), "latest").asText());
      long nonce =
          quantity(call(port, "eth_getTransactionCount", sender.address().toString(), "pending"));
      UInt256 oneEther = UInt256.valueOf(BigInteger.TEN.pow(18));
      DynamicFeeTransaction unsigned =
          new DynamicFeeTransaction(
              901,
              nonce,
              UInt256.valueOf(1_000_000),
              UInt256.valueOf(10_000_000_000L),
              21_000,
              Optional.of(RECIPIENT),
              oneEther,
              Bytes.EMPTY,
              List.of(),
              0,
              UInt256.ZERO,
              UInt256.ZERO);
      DynamicFeeTransaction signed =
          TransactionSigner.sign(unsigned, sender.privateKey().toArrayUnsafe());
      String raw = Hex.encode(TransactionCodec.encode(signed));
      txHash = call(port, "eth_sendRawTransaction", raw).asText();
      assertEquals(signed.hash().toString(), txHash);

      String h = txHash;
      waitFor(() -> !call(port, "eth_getTransactionReceipt", h).isNull(), "receipt appears");
      JsonNode receipt = call(port, "eth_getTransactionReceipt", txHash);
      assertEquals("0x1", receipt.get("status").asText());
      assertEquals(sender.address().toString(), receipt.get("from").asText());
      UInt256 after =
          UInt256.fromHexString(call(port, "eth_getBalance", hex(RECIPIENT), "latest").asText());
      assertEquals(before.add(oneEther), after);
      headBeforeRestart = call(port, "eth_getBlockByNumber", "latest", false);
      genesisBeforeRestart = call(port, "eth_getBlockByNumber", "0x0", false);
    }
    // the same datadir: the same chain, at least as far as it had got before the restart
    try (OpalNode node = start()) {
      int port = node.rpcPort();
      assertEquals(
          genesisBeforeRestart.get("hash"),
          call(port, "eth_getBlockByNumber", "0x0", false).get("hash"));
      JsonNode oldHead = headBeforeRestart.get("number");
      assertEquals(
          headBeforeRestart.get("hash"),
          call(port, "eth_getBlockByNumber", oldHead.asText(), false).get("hash"));
      assertTrue(quantity(call(port, "eth_blockNumber")) >= quantity(oldHead));
      JsonNode receipt = call(port, "eth_getTransactionReceipt", txHash);
      assertEquals("0x1", receipt.get("status").asText(), "same chain after restart");
      long number = quantity(receipt.get("blockNumber"));
      JsonNode block =
          call(port, "eth_getBlockByNumber", receipt.get("blockNumber").asText(), false);
      assertEquals(receipt.get("blockHash").asText(), block.get("hash").asText());
      assertTrue(quantity(call(port, "eth_blockNumber")) >= number);
    }
  }

  @Test
  void refusesAnotherBlockTimeOnAnExistingChain() {
    start().close();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OpalNode.startDev(
                    new OpalNode.Options(datadir, "127.0.0.1", 0, Duration.ofSeconds(2)), b -> {}));
    assertTrue(e.getMessage().contains("block time of 1 s"), e.getMessage());
    start().close(); // the refusal left the datadir usable
  }

  @Test
  void publishesNewHeadsOverWebSocket() throws Exception {
    try (OpalNode node = start()) {
      BlockingQueue<String> messages = new LinkedBlockingQueue<>();
      WebSocket ws =
          http.newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + node.rpcPort()),
                  new WebSocket.Listener() {
                    private final StringBuilder part = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(
                        WebSocket socket, CharSequence data, boolean last) {
                      part.append(data);
                      if (last) {
                        messages.add(part.toString());
                        part.setLength(0);
                      }
                      socket.request(1);
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      ws.sendText(
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}",
              true)
          .get(10, TimeUnit.SECONDS);
      JsonNode subscribed = JSON.readTree(messages.poll(10, TimeUnit.SECONDS));
      String id = subscribed.get("result").asText();
      String text = messages.poll(10, TimeUnit.SECONDS);
      assertTrue(text != null, "no newHeads notification within 10 s");
      JsonNode head = JSON.readTree(text).get("params");
      assertEquals(id, head.get("subscription").asText());
      String hash = head.get("result").get("hash").asText();
      JsonNode block =
          call(
              node.rpcPort(),
              "eth_getBlockByNumber",
              head.get("result").get("number").asText(),
              false);
      assertEquals(hash, block.get("hash").asText());
      ws.abort();
    }
  }

  private static String hex(Address a) {
    return a.toString();
  }

  private static long quantity(JsonNode n) {
    return Long.parseLong(n.asText().substring(2), 16);
  }

  private JsonNode call(int port, String method, Object... params) {
    ObjectNode req =
        JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    ArrayNode p = req.putArray("params");
    for (Object o : params) {
      p.addPOJO(o);
    }
    try {
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(res.body());
      if (body.has("error")) {
        throw new AssertionError(method + " failed: " + body.get("error"));
      }
      return body.get("result");
    } catch (IOException e) {
      throw new AssertionError(method + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(100);
    }
  }
}
