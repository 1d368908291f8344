package io.opal.rpc.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** txpool_ shapes, EIP-55 checksums, and the three eth subscriptions over a real WebSocket. */
class TxPoolAndSubscriptionsTest {

  @Test
  void eip55ChecksumsMatchTheEipsExamples() {
    for (String a :
        List.of(
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")) {
      assertEquals(a, Checksum.of(Address.fromHex(a)));
    }
  }

  @Test
  void txpoolStatusContentAndInspect() {
    try (EthFixture f = new EthFixture()) {
      var pooled =
          TransactionSigner.sign(
              new DynamicFeeTransaction(
                  10,
                  3,
                  UInt256.valueOf(2),
                  UInt256.valueOf(9000),
                  21000,
                  Optional.of(Address.fromHex("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")),
                  UInt256.ONE,
                  Bytes.EMPTY,
                  List.of(),
                  0,
                  UInt256.ZERO,
                  UInt256.ZERO),
              EthFixture.KEY_B);
      f.node.pending.put(EthFixture.B, new TreeMap<>(Map.of(3L, pooled)));
      f.node.queued.put(EthFixture.B, new TreeMap<>(Map.of(9L, f.creation)));
      assertEquals(
          "{\"pending\":\"0x1\",\"queued\":\"0x1\"}", f.result("txpool_status", "[]").toString());
      JsonNode content = f.result("txpool_content", "[]");
      String sender = Checksum.of(EthFixture.B);
      JsonNode tx = content.get("pending").get(sender).get("3");
      assertEquals(pooled.hash().toString(), tx.get("hash").asText());
      assertTrue(tx.get("blockHash").isNull());
      assertEquals(
          f.creation.hash().toString(),
          content.get("queued").get(sender).get("9").get("hash").asText());
      JsonNode inspect = f.result("txpool_inspect", "[]");
      assertEquals(
          "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed: 1 wei + 21000 gas × 9000 wei",
          inspect.get("pending").get(sender).get("3").asText());
      assertEquals(
          "contract creation: 0 wei + 200000 gas × 3000 wei",
          inspect.get("queued").get(sender).get("9").asText());
      JsonNode from = f.result("txpool_contentFrom", "[\"" + EthFixture.B + "\"]");
      assertEquals(pooled.hash().toString(), from.get("pending").get("3").get("hash").asText());
      assertEquals(
          0,
          f.result("txpool_contentFrom", "[\"0x" + "00".repeat(20) + "\"]").get("pending").size());
    }
  }

  /** A java.net.http WebSocket that queues what it receives. */
  record Client(WebSocket ws, BlockingQueue<JsonNode> inbox) {
    static Client open(int port) {
      BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
      WebSocket ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port + "/"),
                  new WebSocket.Listener() {
                    final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletableFuture<?> onText(
                        WebSocket w, CharSequence data, boolean last) {
                      partial.append(data);
                      if (last) {
                        try {
                          inbox.add(EthFixture.JSON.readTree(partial.toString()));
                        } catch (Exception e) {
                          throw new AssertionError(e);
                        }
                        partial.setLength(0);
                      }
                      w.request(1);
                      return null;
                    }
                  })
              .join();
      return new Client(ws, inbox);
    }

    JsonNode call(String method, String params) throws InterruptedException {
      ws.sendText(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                  + method
                  + "\",\"params\":"
                  + params
                  + "}",
              true)
          .join();
      return next();
    }

    JsonNode next() throws InterruptedException {
      JsonNode n = inbox.poll(10, TimeUnit.SECONDS);
      if (n == null) {
        throw new AssertionError("nothing received");
      }
      return n;
    }
  }

  @Test
  void newHeadsLogsAndPendingTransactionsOverWebSocket() throws Exception {
    try (EthFixture f = new EthFixture();
        JsonRpcServer server =
            JsonRpcServer.builder(f.registry)
                .config(RpcServerConfig.defaults().builder().port(0).apis(Set.of("eth")).build())
                .subscriptions(f.hub)
                .build()
                .start()) {
      Client c = Client.open(server.port());
      String heads = c.call("eth_subscribe", "[\"newHeads\"]").get("result").asText();
      String logs =
          c.call("eth_subscribe", "[\"logs\",{\"address\":\"" + EthFixture.TOKEN + "\"}]")
              .get("result")
              .asText();
      String hashes =
          c.call("eth_subscribe", "[\"newPendingTransactions\"]").get("result").asText();
      String full =
          c.call("eth_subscribe", "[\"newPendingTransactions\", true]").get("result").asText();
      assertEquals(
          -32602,
          c.call("eth_subscribe", "[\"logs\",{\"topics\":\"x\"}]")
              .get("error")
              .get("code")
              .asInt());

      f.subscriptions.newHead(f.block1.header());
      JsonNode head = c.next();
      assertEquals(heads, head.get("params").get("subscription").asText());
      assertEquals(
          f.block1.hash().toString(), head.get("params").get("result").get("hash").asText());
      assertEquals("0x1", head.get("params").get("result").get("number").asText());
      assertFalse(head.get("params").get("result").has("transactions"));

      // The block's receipts as logs: only the token's two pass the filter.
      var derived =
          BlockReceipts.derive(
              f.block1,
              f.block1.hash(),
              f.node.senders(f.block1),
              f.node.receipts.get(f.block1.hash()));
      List<RpcLog> all = derived.stream().flatMap(r -> r.logs().stream()).toList();
      assertEquals(3, all.size());
      f.subscriptions.logs(all);
      JsonNode l1 = c.next();
      JsonNode l2 = c.next();
      assertEquals(logs, l1.get("params").get("subscription").asText());
      assertEquals("0x0", l1.get("params").get("result").get("logIndex").asText());
      assertEquals("0x2", l2.get("params").get("result").get("logIndex").asText());
      f.subscriptions.logs(List.of(all.get(0).asRemoved()));
      assertTrue(c.next().get("params").get("result").get("removed").asBoolean());

      f.subscriptions.pendingTransaction(f.creation, EthFixture.B);
      JsonNode a = c.next();
      JsonNode b = c.next();
      JsonNode byHash = a.get("params").get("subscription").asText().equals(hashes) ? a : b;
      JsonNode byFull = byHash == a ? b : a;
      assertEquals(f.creation.hash().toString(), byHash.get("params").get("result").asText());
      assertEquals(full, byFull.get("params").get("subscription").asText());
      assertEquals(
          f.creation.hash().toString(), byFull.get("params").get("result").get("hash").asText());
      assertTrue(byFull.get("params").get("result").get("blockHash").isNull());
      c.ws().sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }
  }
}
