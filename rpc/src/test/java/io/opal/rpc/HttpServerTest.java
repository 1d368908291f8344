package io.opal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a real socket: framing, ids, errors, limits, Host and CORS. */
class HttpServerTest {
  static final AtomicInteger NOTIFIED = new AtomicInteger();
  static JsonRpcServer server;
  static TestClient client;

  static RpcMethodRegistry testMethods() {
    RpcMethodRegistry r = new RpcMethodRegistry();
    r.register("test_echo", 1, p -> p.get(0));
    r.register("test_add", 2, p -> p.quantity(0).add(p.quantity(1)));
    r.register(
        "test_sleep",
        1,
        p -> {
          try {
            Thread.sleep(p.quantityLong(0));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "slept";
        });
    r.register(
        "test_fail",
        0,
        p -> {
          throw new IllegalStateException("secret detail at Foo.java:12");
        });
    r.register(
        "test_nonce",
        0,
        p -> {
          throw RpcException.serverError("nonce too low: next nonce 5, tx nonce 3");
        });
    r.register(
        "test_revert",
        0,
        p -> {
          throw new RpcException(RpcException.EXECUTION_REVERTED, "execution reverted", "0xdead");
        });
    r.register(
        "test_spin",
        1,
        p -> {
          long end = System.nanoTime() + p.quantityLong(0) * 1_000_000;
          while (System.nanoTime() < end) {
            Thread.onSpinWait(); // ignores interruption on purpose
          }
          return "spun";
        });
    r.register("test_big", 1, p -> "x".repeat((int) p.quantityLong(0)));
    r.register(
        "test_notify",
        0,
        p -> {
          NOTIFIED.incrementAndGet();
          return null;
        });
    r.register("admin_secret", 0, p -> "admin");
    return r;
  }

  @BeforeAll
  static void start() {
    RpcServerConfig config =
        RpcServerConfig.defaults()
            .builder()
            .port(0)
            .apis(Set.of("test"))
            .maxRequestBodyBytes(64 * 1024)
            .maxBatchSize(5)
            .maxBatchResponseBytes(10_000)
            .callTimeout(Duration.ofMillis(500))
            .corsOrigins(List.of("https://app.example.org", "https://*.wallet.test"))
            .virtualHosts(List.of("localhost", "node.example.org"))
            .build();
    server = JsonRpcServer.builder(testMethods()).config(config).name("test").build().start();
    client = new TestClient(server.port());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static JsonNode call(String body) {
    TestClient.Reply reply = client.post(body);
    assertEquals(200, reply.status(), reply.body());
    assertEquals("application/json", reply.headers().get("Content-Type"));
    return reply.json();
  }

  @Test
  void singleCallEchoesNumberStringAndNullIds() {
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":1.50,\"result\":\"0x3\"}",
        client
            .post(
                "{\"jsonrpc\":\"2.0\",\"id\":1.50,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x2\"]}")
            .body());
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"result\":[1,{\"x\":null}]}",
        client
            .post(
                "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"method\":\"test_echo\",\"params\":[[1,{\"x\":null}]]}")
            .body());
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":\"0x0\"}",
        client
            .post(
                "{\"id\":null,\"jsonrpc\":\"2.0\",\"method\":\"test_add\",\"params\":[\"0x0\",\"0x0\"]}")
            .body());
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":-7e2,\"result\":\"0x0\"}",
        client
            .post(
                "{\"jsonrpc\":\"2.0\",\"id\":-7e2,\"method\":\"test_add\",\"params\":[\"0x0\",\"0x0\"]}")
            .body());
  }

  @Test
  void notificationsGetNoResponseButRun() {
    int before = NOTIFIED.get();
    TestClient.Reply reply = client.post("{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"}");
    assertEquals(200, reply.status());
    assertEquals("", reply.body());
    assertEquals(before + 1, NOTIFIED.get());
    TestClient.Reply batch =
        client.post(
            "[{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"},{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"}]");
    assertEquals(200, batch.status());
    assertEquals("", batch.body());
    assertEquals(before + 3, NOTIFIED.get());
  }

  @Test
  void batchAnswersCallsInOrderWithoutNotificationEntries() {
    JsonNode r =
        call(
            "[{\"jsonrpc\":\"2.0\",\"id\":\"one\",\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"},"
                + "42,"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope_nope\"},"
                + "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"test_add\"}]");
    assertEquals(4, r.size());
    assertEquals("one", r.get(0).get("id").asText());
    assertEquals("0x2", r.get(0).get("result").asText());
    assertTrue(r.get(1).get("id").isNull());
    assertEquals(-32600, r.get(1).get("error").get("code").asInt());
    assertEquals(3, r.get(2).get("id").asInt());
    assertEquals(-32601, r.get(2).get("error").get("code").asInt());
    assertEquals(
        "the method nope_nope does not exist/is not available",
        r.get(2).get("error").get("message").asText());
    assertEquals(4, r.get(3).get("id").asInt());
    assertEquals(-32600, r.get(3).get("error").get("code").asInt());
  }

  @Test
  void emptyAndOversizedBatches() {
    JsonNode empty = call("[]");
    assertTrue(empty.isObject());
    assertEquals(-32600, empty.get("error").get("code").asInt());
    assertEquals("empty batch", empty.get("error").get("message").asText());

    StringBuilder b = new StringBuilder("[{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"}");
    for (int i = 0; i < 6; i++) {
      b.append(",{\"jsonrpc\":\"2.0\",\"id\":")
          .append(10 + i)
          .append(",\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]}");
    }
    JsonNode tooMany = call(b.append(']').toString());
    assertTrue(tooMany.isArray());
    assertEquals(1, tooMany.size());
    assertEquals(10, tooMany.get(0).get("id").asInt()); // the first call's id, as geth
    assertEquals("batch too large", tooMany.get(0).get("error").get("message").asText());
  }

  @Test
  void batchResponseSizeIsCapped() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 4; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(i)
          .append(",\"method\":\"test_big\",\"params\":[\"0x1388\"]}");
    }
    JsonNode r = call(b.append(']').toString());
    assertEquals(4, r.size());
    assertEquals(5000, r.get(0).get("result").asText().length());
    assertEquals(5000, r.get(1).get("result").asText().length()); // crosses 10 000 here
    assertEquals(-32003, r.get(2).get("error").get("code").asInt());
    assertEquals("response too large", r.get(3).get("error").get("message").asText());
  }

  @Test
  void everyErrorCode() {
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1,"), -32700, "parse error", true);
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1} trailing"), -32700, "parse error", true);
    assertError(call("{\"id\":7,\"method\":\"test_add\"}"), -32600, "invalid request", false);
    assertError(
        call("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"test_add\"}"),
        -32600,
        "invalid request",
        true);
    assertError(
        call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"admin_secret\"}"),
        -32601,
        "the method admin_secret does not exist/is not available",
        false);
    assertError(
        call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_add\",\"params\":[\"0x1\"]}"),
        -32602,
        "missing value for required argument 1",
        false);
    assertError(
        call(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x01\"]}"),
        -32602,
        "invalid argument 1: hex number with leading zero digits",
        false);
    assertError(
        call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_add\",\"params\":[\"1\",\"0x1\"]}"),
        -32602,
        "invalid argument 0: hex string without 0x prefix",
        false);
    assertError(
        call(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\",\"0x1\"]}"),
        -32602,
        "too many arguments, want at most 2",
        false);
    assertError(
        call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_add\",\"params\":{\"a\":1}}"),
        -32602,
        "non-array args",
        false);
    JsonNode internal = call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_fail\"}");
    assertError(internal, -32603, "internal error", false);
    assertFalse(internal.toString().contains("secret"), internal.toString());
    assertError(
        call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_nonce\"}"),
        -32000,
        "nonce too low: next nonce 5, tx nonce 3",
        false);
    JsonNode revert = call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_revert\"}");
    assertError(revert, 3, "execution reverted", false);
    assertEquals("0xdead", revert.get("error").get("data").asText());
    assertError(
        call(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}"),
        -32601,
        "the method eth_subscribe does not exist/is not available",
        false);
  }

  @Test
  void slowCallTimesOutAndTheServerStaysResponsive() {
    long start = System.nanoTime();
    JsonNode r =
        call("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"test_sleep\",\"params\":[\"0x2710\"]}");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertError(r, -32002, "request timed out", false);
    assertTrue(ms < 5000, "answered after " + ms + " ms");
    assertEquals(
        "0x2",
        call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]}")
            .get("result")
            .asText());
  }

  @Test
  void aMethodIgnoringItsInterruptStillLetsTheClientGo() {
    long start = System.nanoTime();
    JsonNode r =
        call("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"test_spin\",\"params\":[\"0xfa0\"]}");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertError(r, -32002, "request timed out", true);
    assertTrue(ms < 3500, "answered after " + ms + " ms");
  }

  @Test
  void oversizedBodiesGet413AndTheServerStaysUp() {
    String big =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\""
            + "a".repeat(70_000)
            + "\"]}";
    TestClient.Reply declared = client.post(big);
    assertEquals(413, declared.status());
    assertEquals(-32600, declared.json().get("error").get("code").asInt());
    assertTrue(
        declared
            .json()
            .get("error")
            .get("message")
            .asText()
            .startsWith("content length too large"));

    TestClient.Reply chunked =
        client.request(
            HttpMethod.POST,
            Buffer.buffer(big),
            Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"));
    assertEquals(413, chunked.status());
    assertTrue(chunked.json().get("error").get("message").asText().contains("larger than 65536"));

    assertEquals(
        "0x2",
        call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]}")
            .get("result")
            .asText());
  }

  @Test
  void hostAllowList() {
    Map<String, String> json = Map.of("Content-Type", "application/json");
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]}";
    TestClient.Reply evil =
        client.request(HttpMethod.POST, body, with(json, "Host", "evil.example.com:8545"));
    assertEquals(403, evil.status());
    assertEquals("invalid host specified", evil.json().get("error").get("message").asText());
    assertEquals(
        200, client.request(HttpMethod.POST, body, with(json, "Host", "LOCALHOST:8545")).status());
    assertEquals(
        200,
        client.request(HttpMethod.POST, body, with(json, "Host", "node.example.org")).status());
    assertEquals(
        200, client.request(HttpMethod.POST, body, with(json, "Host", "10.1.2.3:8545")).status());
    assertEquals(
        200, client.request(HttpMethod.POST, body, with(json, "Host", "[::1]:8545")).status());
  }

  @Test
  void corsPreflightAndResponses() {
    TestClient.Reply ok =
        client.request(
            HttpMethod.OPTIONS,
            (String) null,
            Map.of(
                "Origin",
                "https://app.example.org",
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type"));
    assertEquals(204, ok.status());
    assertEquals("https://app.example.org", ok.headers().get("Access-Control-Allow-Origin"));
    assertEquals("POST", ok.headers().get("Access-Control-Allow-Methods"));
    assertEquals("content-type", ok.headers().get("Access-Control-Allow-Headers"));
    assertEquals("600", ok.headers().get("Access-Control-Max-Age"));

    TestClient.Reply wildcard =
        client.request(
            HttpMethod.OPTIONS,
            (String) null,
            Map.of("Origin", "https://my.wallet.test", "Access-Control-Request-Method", "POST"));
    assertEquals("https://my.wallet.test", wildcard.headers().get("Access-Control-Allow-Origin"));

    TestClient.Reply denied =
        client.request(
            HttpMethod.OPTIONS,
            (String) null,
            Map.of("Origin", "https://evil.example.com", "Access-Control-Request-Method", "POST"));
    assertEquals(204, denied.status());
    assertNull(denied.headers().get("Access-Control-Allow-Origin"));

    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]}";
    TestClient.Reply allowed =
        client.request(
            HttpMethod.POST,
            body,
            Map.of("Content-Type", "application/json", "Origin", "https://app.example.org"));
    assertEquals("https://app.example.org", allowed.headers().get("Access-Control-Allow-Origin"));
    TestClient.Reply other =
        client.request(
            HttpMethod.POST,
            body,
            Map.of("Content-Type", "application/json", "Origin", "https://evil.example.com"));
    assertEquals(200, other.status());
    assertNull(other.headers().get("Access-Control-Allow-Origin"));
  }

  @Test
  void httpMethodsAndContentTypes() {
    assertEquals(200, client.request(HttpMethod.GET, (String) null, Map.of()).status());
    TestClient.Reply put =
        client.request(HttpMethod.PUT, "{}", Map.of("Content-Type", "application/json"));
    assertEquals(405, put.status());
    assertEquals(-32600, put.json().get("error").get("code").asInt());
    TestClient.Reply form =
        client.request(
            HttpMethod.POST, "{}", Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertEquals(415, form.status());
    assertEquals(
        "invalid content type, only application/json is supported",
        form.json().get("error").get("message").asText());
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0x1\"]}";
    assertEquals(
        200,
        client
            .request(
                HttpMethod.POST, body, Map.of("Content-Type", "application/json; charset=UTF-8"))
            .status());
  }

  @Test
  void rpcModulesListsEnabledNamespaces() {
    JsonNode r = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc_modules\"}");
    assertEquals("{\"rpc\":\"1.0\",\"test\":\"1.0\"}", r.get("result").toString());
  }

  private static void assertError(JsonNode r, int code, String message, boolean nullId) {
    assertEquals(code, r.get("error").get("code").asInt(), r.toString());
    assertEquals(message, r.get("error").get("message").asText(), r.toString());
    assertEquals("2.0", r.get("jsonrpc").asText());
    assertFalse(r.has("result"));
    if (nullId) {
      assertTrue(r.get("id").isNull(), r.toString());
    }
  }

  private static Map<String, String> with(Map<String, String> base, String k, String v) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(base);
    m.put(k, v);
    return m;
  }
}
