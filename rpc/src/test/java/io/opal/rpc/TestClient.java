package io.opal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A blocking HTTP and WebSocket client over a real socket, for the server tests. */
final class TestClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, MultiMap headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http =
      vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
  private final WebSocketClient wsClient =
      vertx.createWebSocketClient(
          new WebSocketClientOptions()
              .setMaxFrameSize(64 * 1024 * 1024)
              .setMaxMessageSize(64 * 1024 * 1024));
  private final int port;

  TestClient(int port) {
    this.port = port;
  }

  Reply post(String body) {
    return request(HttpMethod.POST, body, Map.of("Content-Type", "application/json"));
  }

  Reply request(HttpMethod method, String body, Map<String, String> headers) {
    return request(method, body == null ? null : Buffer.buffer(body), headers);
  }

  Reply request(HttpMethod method, Buffer body, Map<String, String> headers) {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI("/");
    headers.forEach(options::putHeader);
    Future<Reply> f =
        http.request(options)
            .compose(
                req -> {
                  if (headers.containsKey("Transfer-Encoding")) {
                    req.setChunked(true);
                  }
                  return (body == null ? req.send() : req.send(body))
                      .compose(
                          resp ->
                              resp.body()
                                  .map(
                                      b ->
                                          new Reply(
                                              resp.statusCode(), resp.headers(), b.toString())));
                });
    return await(f);
  }

  /** A connected WebSocket whose text messages queue up for {@link Ws#next}. */
  Ws webSocket(Map<String, String> headers) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI("/")
            // like Node's ws: no Origin unless asked
            .setAllowOriginHeader(headers.containsKey("Origin"));
    headers.forEach(options::addHeader);
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    WebSocket ws =
        await(
            wsClient
                .connect(options)
                .map(
                    socket -> {
                      socket.textMessageHandler(messages::add);
                      return socket;
                    }));
    return new Ws(ws, messages);
  }

  Ws webSocket() {
    return webSocket(Map.of());
  }

  /** Opening a WebSocket fails; the failure's message. */
  String webSocketFailure(Map<String, String> headers) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI("/")
            // like Node's ws: no Origin unless asked
            .setAllowOriginHeader(headers.containsKey("Origin"));
    headers.forEach(options::addHeader);
    try {
      await(wsClient.connect(options));
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("the WebSocket opened");
  }

  record Ws(WebSocket socket, BlockingQueue<String> messages) {
    void send(String text) {
      await(socket.writeTextMessage(text));
    }

    JsonNode next() {
      try {
        String m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
          throw new AssertionError("no WebSocket message within 10 s");
        }
        return JSON.readTree(m);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    JsonNode call(String request) {
      send(request);
      return next();
    }

    /** Waits for the server to close the socket; its close status. */
    short awaitClosed() {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!socket.isClosed()) {
        if (System.nanoTime() > end) {
          throw new AssertionError("socket still open after 20 s");
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      Short status = socket.closeStatusCode();
      return status == null ? -1 : status;
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
