package io.opal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WebSocket transport and subscriptions against a real socket. */
class WebSocketServerTest {
  /** Publishes numbers; a subscriber may ask for even ones only. */
  static final class Ticks implements SubscriptionSource<Long> {
    @Override
    public String kind() {
      return "ticks";
    }

    @Override
    public Filter<Long> open(RpcParams params) throws RpcException {
      boolean evenOnly = params.flag(1);
      return (event, emit) -> {
        if (!evenOnly || event % 2 == 0) {
          emit.accept(event);
        }
      };
    }
  }

  /** Publishes big strings, to fill a slow client's queue. */
  static final class Blobs implements SubscriptionSource<String> {
    @Override
    public String kind() {
      return "blobs";
    }

    @Override
    public Filter<String> open(RpcParams params) {
      return (String event, Consumer<Object> emit) -> emit.accept(event);
    }
  }

  JsonRpcServer server;
  TestClient client;
  SubscriptionHub hub;
  SubscriptionHub.Topic<Long> ticks;
  SubscriptionHub.Topic<String> blobs;

  @BeforeEach
  void start() {
    AtomicLong ids = new AtomicLong(0x100);
    hub = new SubscriptionHub(() -> "0x" + Long.toHexString(ids.getAndIncrement()));
    ticks = hub.addSource(new Ticks());
    blobs = hub.addSource(new Blobs());
    RpcMethodRegistry registry = HttpServerTest.testMethods();
    hub.registerMethods(registry);
    RpcServerConfig config =
        RpcServerConfig.defaults()
            .builder()
            .port(0)
            .apis(Set.of("test", "eth"))
            .maxWebSocketMessageBytes(32 * 1024)
            .wsMaxQueuedMessages(64)
            .wsMaxQueuedBytes(1024 * 1024)
            .wsMaxSubscriptions(3)
            .wsOrigins(List.of("https://dapp.example.org"))
            .callTimeout(Duration.ofSeconds(5))
            .build();
    server =
        JsonRpcServer.builder(registry)
            .config(config)
            .subscriptions(hub)
            .name("ws")
            .build()
            .start();
    client = new TestClient(server.port());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void callsAndBatchesOverWebSocket() {
    TestClient.Ws ws = client.webSocket();
    assertEquals(
        "0x3",
        ws.call(
                "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"test_add\",\"params\":[\"0x1\",\"0x2\"]}")
            .get("result")
            .asText());
    JsonNode batch =
        ws.call(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]},{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"}]");
    assertEquals(1, batch.size());
    assertEquals(-32700, ws.call("{oops").get("error").get("code").asInt());
  }

  @Test
  void subscribeNotifyUnsubscribe() throws Exception {
    TestClient.Ws ws = client.webSocket();
    JsonNode sub =
        ws.call(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\",true]}");
    String id = sub.get("result").asText();
    assertEquals("0x100", id);
    hub.publish(ticks, 1L);
    hub.publish(ticks, 2L);
    JsonNode n = ws.next();
    assertEquals("eth_subscription", n.get("method").asText());
    assertEquals(id, n.get("params").get("subscription").asText());
    assertEquals("0x2", n.get("params").get("result").asText()); // 1 was filtered out

    JsonNode unsub =
        ws.call(
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_unsubscribe\",\"params\":[\""
                + id
                + "\"]}");
    assertTrue(unsub.get("result").asBoolean());
    hub.publish(ticks, 4L);
    JsonNode again =
        ws.call(
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_unsubscribe\",\"params\":[\""
                + id
                + "\"]}");
    assertEquals("subscription not found", again.get("error").get("message").asText());
    assertEquals(0, hub.subscriptionCount());
    assertTrue(
        ws.messages().poll(200, TimeUnit.MILLISECONDS) == null,
        "no notification after unsubscribe");
  }

  @Test
  void notificationsFollowTheSubscribeResponse() {
    TestClient.Ws ws = client.webSocket();
    // Publishing continuously while subscribing: the first message must still be the id.
    Thread publisher =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (long i = 0; i < 20_000 && !Thread.currentThread().isInterrupted(); i++) {
                    hub.publish(ticks, i);
                  }
                });
    JsonNode first =
        ws.call(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\"]}");
    publisher.interrupt();
    assertEquals(1, first.get("id").asInt(), first.toString());
    assertTrue(first.has("result"));
  }

  @Test
  void subscriptionErrors() {
    TestClient.Ws ws = client.webSocket();
    JsonNode unknown =
        ws.call(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"nope\"]}");
    assertEquals(-32601, unknown.get("error").get("code").asInt());
    assertEquals(
        "no \"nope\" subscription in eth namespace", unknown.get("error").get("message").asText());
    JsonNode bad =
        ws.call(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\",\"yes\"]}");
    assertEquals(-32602, bad.get("error").get("code").asInt());
    for (int i = 0; i < 3; i++) {
      assertTrue(
          ws.call(
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\"]}")
              .has("result"));
    }
    JsonNode fourth =
        ws.call(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\"]}");
    assertEquals(-32005, fourth.get("error").get("code").asInt());

    TestClient.Reply http =
        client.post(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\"]}");
    assertEquals(-32001, http.json().get("error").get("code").asInt());
    assertEquals("notifications not supported", http.json().get("error").get("message").asText());
  }

  @Test
  void closingTheSocketDropsItsSubscriptions() throws Exception {
    TestClient.Ws ws = client.webSocket();
    ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\"]}");
    ws.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_subscribe\",\"params\":[\"blobs\"]}");
    assertEquals(2, hub.subscriptionCount());
    TestClient.await(ws.socket().close());
    waitFor(() -> hub.subscriptionCount() == 0 && server.webSocketConnections() == 0);
  }

  @Test
  void slowConsumerIsDisconnected() throws Exception {
    TestClient.Ws slow = client.webSocket();
    TestClient.Ws fast = client.webSocket();
    slow.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"blobs\"]}");
    fast.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"ticks\"]}");
    slow.socket().pause(); // stops reading: the TCP window fills, then the server's queue
    String blob = "b".repeat(16 * 1024);
    for (int i = 0; i < 2000 && hub.subscriptionCount() > 1; i++) {
      hub.publish(blobs, blob);
      Thread.sleep(1);
    }
    waitFor(() -> hub.subscriptionCount() == 1);
    slow.socket().resume();
    short status = slow.awaitClosed();
    // 1008 when the close frame got through; 1006 when the socket had to be cut.
    assertTrue(status == WebSocketSession.POLICY_VIOLATION || status == 1006, "status " + status);
    // The other client is unaffected.
    hub.publish(ticks, 7L);
    assertEquals("0x7", fast.next().get("params").get("result").asText());
  }

  @Test
  void oversizedMessageClosesWith1009() {
    TestClient.Ws ws = client.webSocket();
    ws.send(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\""
            + "a".repeat(40_000)
            + "\"]}");
    short status = ws.awaitClosed();
    // 1009 when the close frame arrives; 1006 when the unread rest of the frame made the server's
    // close a reset.
    assertTrue(status == 1009 || status == 1006, "status " + status);
    assertEquals(
        "0x2",
        client
            .webSocket()
            .call(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]}")
            .get("result")
            .asText());
  }

  @Test
  void originsAndHostsAreChecked() {
    assertTrue(
        client.webSocketFailure(Map.of("Origin", "https://evil.example.com")).contains("403"));
    assertTrue(client.webSocketFailure(Map.of("Host", "evil.example.com")).contains("403"));
    TestClient.Ws ok = client.webSocket(Map.of("Origin", "https://dapp.example.org"));
    assertFalse(ok.socket().isClosed());
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(10);
    }
  }
}
