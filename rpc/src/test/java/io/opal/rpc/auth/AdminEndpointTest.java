package io.opal.rpc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second, JWT-protected server instance, as the admin endpoint runs. */
class AdminEndpointTest {
  static final JwtSecret SECRET = JwtSecret.generate(new java.util.Random(7));
  static JsonRpcServer admin;
  static HttpClient http;

  @BeforeAll
  static void start() {
    RpcMethodRegistry registry = new RpcMethodRegistry();
    registry.register("admin_sequencerActive", 0, p -> Boolean.TRUE);
    admin =
        JsonRpcServer.builder(registry)
            .name("admin")
            .config(RpcServerConfig.defaults().builder().port(0).apis(Set.of("admin")).build())
            .authenticator(new JwtAuthenticator(SECRET, Clock.systemUTC()))
            .build()
            .start();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    http.shutdownNow();
    admin.close();
  }

  static HttpResponse<String> post(String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"admin_sequencerActive\"}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void httpNeedsAValidToken() throws Exception {
    HttpResponse<String> missing = post(null);
    assertEquals(401, missing.statusCode());
    assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(""));
    assertTrue(missing.body().contains("\"message\":\"missing token\""), missing.body());

    long now = System.currentTimeMillis() / 1000;
    HttpResponse<String> stale = post("Bearer " + JwtAuthenticator.token(SECRET, now - 3600));
    assertEquals(401, stale.statusCode());
    assertTrue(stale.body().contains("stale token"), stale.body());

    JwtSecret other = JwtSecret.generate(new java.util.Random(8));
    assertEquals(401, post("Bearer " + JwtAuthenticator.token(other, now)).statusCode());

    HttpResponse<String> ok = post("Bearer " + JwtAuthenticator.token(SECRET, now));
    assertEquals(200, ok.statusCode());
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}", ok.body());
  }

  @Test
  void webSocketUpgradeNeedsAValidToken() throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + admin.port() + "/");
    CompletionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class,
            () -> http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {}).join());
    assertEquals(
        401,
        ((java.net.http.WebSocketHandshakeException) refused.getCause())
            .getResponse()
            .statusCode());

    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket ws =
        http.newWebSocketBuilder()
            .header(
                "Authorization",
                "Bearer " + JwtAuthenticator.token(SECRET, System.currentTimeMillis() / 1000))
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                uri,
                new WebSocket.Listener() {
                  @Override
                  public CompletableFuture<?> onText(WebSocket w, CharSequence data, boolean last) {
                    reply.complete(data.toString());
                    w.request(1); // keep reading, so the server's close frame is seen
                    return null;
                  }
                })
            .join();
    ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"admin_sequencerActive\"}", true);
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":true}", reply.get(10, TimeUnit.SECONDS));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
  }
}
