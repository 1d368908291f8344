package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC over HTTP(S) with the Vert.x web client: one POST per call, kept-alive pooled
 * connections. The event loop only moves bytes; the response is parsed on {@code executor}.
 */
public final class HttpRpcTransport implements RpcTransport {
  private final WebClient client;
  private final String url;
  private final long timeoutMillis;
  private final Executor executor;
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param timeout per request, from sending to the whole response; a request that takes longer
   *     fails as {@link L1Exception.Kind#TEMPORARY}
   * @param executor where responses are parsed and futures complete
   */
  public HttpRpcTransport(Vertx vertx, URI url, Duration timeout, Executor executor) {
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("not an HTTP URL: " + url);
    }
    this.url = url.toString();
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.executor = executor;
    WebClientOptions options =
        new WebClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
            .setUserAgent("opal");
    this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(16));
  }

  @Override
  public CompletableFuture<JsonNode> call(String method, ArrayNode params) {
    byte[] body = JsonRpcMessages.request(ids.incrementAndGet(), method, params);
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    client
        .postAbs(url)
        .putHeader("Content-Type", "application/json")
        .timeout(timeoutMillis)
        .sendBuffer(Buffer.buffer(body))
        .onComplete(
            ar ->
                offLoop(
                    result,
                    () -> {
                      if (ar.failed()) {
                        result.completeExceptionally(
                            new L1Exception(
                                L1Exception.Kind.TEMPORARY,
                                method + " to " + url + ": no response: " + ar.cause(),
                                ar.cause()));
                      } else {
                        complete(result, method, ar.result());
                      }
                    }));
    return result;
  }

  /** Completes on the executor so that no dependent stage runs on the event loop. */
  private void offLoop(CompletableFuture<JsonNode> result, Runnable completion) {
    try {
      executor.execute(completion);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(
          new L1Exception(L1Exception.Kind.CRITICAL, "L1 client closed", e));
    }
  }

  private void complete(CompletableFuture<JsonNode> result, String method, HttpResponse<Buffer> r) {
    try {
      int status = r.statusCode();
      if (status >= 500 || status == 429 || status == 408) {
        throw new L1Exception(
            L1Exception.Kind.TEMPORARY,
            method + " to " + url + ": HTTP " + status + " " + r.statusMessage());
      }
      Buffer body = r.body();
      if (status != 200 && (body == null || body.length() == 0)) {
        throw new L1Exception(
            L1Exception.Kind.CRITICAL,
            method + " to " + url + ": HTTP " + status + " " + r.statusMessage());
      }
      byte[] bytes = body == null ? new byte[0] : body.getBytes();
      result.complete(JsonRpcMessages.result(method, JsonRpcMessages.parse(method, bytes)));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  @Override
  public String endpoint() {
    return url;
  }

  @Override
  public void close() {
    client.close();
  }
}
