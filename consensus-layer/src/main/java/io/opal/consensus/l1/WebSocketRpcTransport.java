package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * JSON-RPC over one WebSocket connection, with {@code eth_subscribe} support. The connection opens
 * on first use and again on the first call after it was lost; a lost connection fails the calls in
 * flight ({@link L1Exception.Kind#TEMPORARY}) and ends every subscription through its error
 * handler, after which the caller subscribes again.
 *
 * <p>Incoming messages are handled in arrival order on {@code executor} (never on the event loop).
 */
public final class WebSocketRpcTransport implements RpcTransport {
  private final Vertx vertx;
  private final WebSocketClient client;
  private final URI url;
  private final long timeoutMillis;
  private final SerialExecutor inbound;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
  private final Object connectLock = new Object();
  private CompletableFuture<WebSocket> connection;
  private volatile boolean closed;

  private record Pending(String method, CompletableFuture<JsonNode> result, long timer) {}

  private record Listener(Consumer<JsonNode> onEvent, Consumer<L1Exception> onError) {}

  public WebSocketRpcTransport(Vertx vertx, URI url, Duration timeout, Executor executor) {
    String scheme = url.getScheme();
    if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
      throw new IllegalArgumentException("not a WebSocket URL: " + url);
    }
    this.vertx = vertx;
    this.url = url;
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.inbound = new SerialExecutor(executor);
    // Whole blocks with their transactions arrive as one message: allow large ones.
    this.client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxFrameSize(16 << 20)
                .setMaxMessageSize(256 << 20)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)));
  }

  @Override
  public CompletableFuture<JsonNode> call(String method, ArrayNode params) {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    connect()
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                L1Exception e =
                    new L1Exception(
                        L1Exception.Kind.TEMPORARY,
                        method + " to " + url + ": cannot connect: " + error,
                        error);
                inbound.execute(() -> result.completeExceptionally(e));
                return;
              }
              long timer =
                  vertx.setTimer(
                      timeoutMillis,
                      t ->
                          inbound.execute(
                              () ->
                                  fail(
                                      id,
                                      L1Exception.Kind.TEMPORARY,
                                      "timed out after " + timeoutMillis + " ms")));
              pending.put(id, new Pending(method, result, timer));
              String text =
                  new String(JsonRpcMessages.request(id, method, params), StandardCharsets.UTF_8);
              ws.writeTextMessage(text)
                  .onFailure(
                      e ->
                          inbound.execute(
                              () -> fail(id, L1Exception.Kind.TEMPORARY, "send failed: " + e)));
            });
    return result;
  }

  @Override
  public boolean supportsSubscriptions() {
    return true;
  }

  @Override
  public CompletableFuture<Subscription> subscribe(
      ArrayNode params, Consumer<JsonNode> onEvent, Consumer<L1Exception> onError) {
    return call("eth_subscribe", params)
        .thenApply(
            idNode -> {
              String subscriptionId = idNode.asText();
              listeners.put(subscriptionId, new Listener(onEvent, onError));
              return () -> {
                if (listeners.remove(subscriptionId) != null && !closed) {
                  ArrayNode unsubscribe =
                      JsonRpcMessages.MAPPER.createArrayNode().add(subscriptionId);
                  call("eth_unsubscribe", unsubscribe).exceptionally(e -> null);
                }
              };
            });
  }

  private CompletableFuture<WebSocket> connect() {
    synchronized (connectLock) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("transport closed"));
      }
      if (connection != null && !connection.isCompletedExceptionally()) {
        return connection;
      }
      CompletableFuture<WebSocket> attempt = new CompletableFuture<>();
      connection = attempt;
      WebSocketConnectOptions options =
          new WebSocketConnectOptions().setAbsoluteURI(url.toString()).setTimeout(timeoutMillis);
      client
          .connect(options)
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  attempt.completeExceptionally(ar.cause());
                  return;
                }
                WebSocket ws = ar.result();
                ws.textMessageHandler(text -> inbound.execute(() -> onMessage(text)));
                ws.closeHandler(v -> inbound.execute(() -> onConnectionLost(attempt)));
                ws.exceptionHandler(e -> ws.close());
                attempt.complete(ws);
              });
      return attempt;
    }
  }

  private void onMessage(String text) {
    JsonNode message;
    try {
      message = JsonRpcMessages.MAPPER.readTree(text);
    } catch (Exception e) {
      return; // not JSON: nothing can be routed; a pending call will time out
    }
    if (message == null || !message.isObject()) {
      return;
    }
    if ("eth_subscription".equals(message.path("method").asText())) {
      JsonNode params = message.path("params");
      Listener listener = listeners.get(params.path("subscription").asText());
      if (listener != null) {
        listener.onEvent.accept(params.path("result"));
      }
      return;
    }
    JsonNode id = message.get("id");
    if (id == null || !id.canConvertToLong()) {
      return;
    }
    Pending p = pending.remove(id.asLong());
    if (p == null) {
      return; // timed out already
    }
    vertx.cancelTimer(p.timer);
    try {
      p.result.complete(JsonRpcMessages.result(p.method, message));
    } catch (L1Exception e) {
      p.result.completeExceptionally(e);
    }
  }

  private void onConnectionLost(CompletableFuture<WebSocket> lost) {
    synchronized (connectLock) {
      if (connection == lost) {
        connection = null;
      }
    }
    for (Long id : List.copyOf(pending.keySet())) {
      fail(id, L1Exception.Kind.TEMPORARY, "connection to " + url + " lost");
    }
    List<Listener> ended = List.copyOf(listeners.values());
    listeners.clear();
    for (Listener l : ended) {
      l.onError.accept(
          new L1Exception(
              L1Exception.Kind.TEMPORARY, "subscription lost with the connection to " + url));
    }
  }

  private void fail(long id, L1Exception.Kind kind, String why) {
    Pending p = pending.remove(id);
    if (p != null) {
      vertx.cancelTimer(p.timer);
      p.result.completeExceptionally(new L1Exception(kind, p.method + " to " + url + ": " + why));
    }
  }

  @Override
  public String endpoint() {
    return url.toString();
  }

  @Override
  public void close() {
    CompletableFuture<WebSocket> current;
    synchronized (connectLock) {
      closed = true;
      current = connection;
      connection = null;
    }
    listeners.clear();
    if (current != null) {
      current.thenAccept(WebSocket::close);
    }
    for (Long id : List.copyOf(pending.keySet())) {
      fail(id, L1Exception.Kind.TEMPORARY, "transport closed");
    }
    client.close();
  }
}
