package io.opal.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
