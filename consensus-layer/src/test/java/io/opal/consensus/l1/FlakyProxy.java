package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * An HTTP JSON-RPC proxy in front of a real node that misbehaves on cue: errors, rate limits,
 * dropped connections, silence, a missing method, or answers altered in flight.
 */
final class FlakyProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the proxy does with one request. */
  sealed interface Fault {
    record Pass() implements Fault {}

    record HttpStatus(int status) implements Fault {}

    record RpcError(int code, String message) implements Fault {}

    /** Closes the connection without answering. */
    record Drop() implements Fault {}

    /** Never answers. */
    record Hang() implements Fault {}

    /** Forwards, then rewrites the answer's {@code result}. */
    record Tamper(UnaryOperator<JsonNode> result) implements Fault {}
  }

  static final Fault PASS = new Fault.Pass();

  private final HttpServer server;
  private final WebClient upstream;
  private final URI target;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> byMethod = new ConcurrentHashMap<>();
  private volatile BiFunction<Integer, String, Fault> script = (n, method) -> PASS;

  FlakyProxy(Vertx vertx, URI target) {
    this.target = target;
    this.upstream = WebClient.create(vertx);
    this.server =
        vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** Decides the fault of request {@code n} (counted from 0) by its method. */
  void script(BiFunction<Integer, String, Fault> s) {
    script = s;
  }

  int requests() {
    return requests.get();
  }

  int requests(String method) {
    AtomicInteger c = byMethod.get(method);
    return c == null ? 0 : c.get();
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            body -> {
              JsonNode request;
              try {
                request = JSON.readTree(body.getBytes());
              } catch (Exception e) {
                req.response().setStatusCode(400).end();
                return;
              }
              String method = request.path("method").asText();
              int n = requests.getAndIncrement();
              byMethod.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
              Fault fault = script.apply(n, method);
              switch (fault) {
                case Fault.Pass p -> forward(req, body, null);
                case Fault.Tamper t -> forward(req, body, t.result());
                case Fault.HttpStatus s -> req.response().setStatusCode(s.status()).end("busy");
                case Fault.RpcError e -> {
                  ObjectNode answer = JSON.createObjectNode();
                  answer.put("jsonrpc", "2.0").set("id", request.get("id"));
                  answer.putObject("error").put("code", e.code()).put("message", e.message());
                  req.response()
                      .putHeader("Content-Type", "application/json")
                      .end(answer.toString());
                }
                case Fault.Drop d -> req.connection().close();
                case Fault.Hang h -> {}
              }
            });
  }

  private void forward(HttpServerRequest req, Buffer body, UnaryOperator<JsonNode> tamper) {
    upstream
        .postAbs(target.toString())
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                req.response().setStatusCode(502).end();
                return;
              }
              Buffer answer = ar.result().body();
              if (tamper != null) {
                try {
                  ObjectNode o = (ObjectNode) JSON.readTree(answer.getBytes());
                  o.set("result", tamper.apply(o.get("result")));
                  answer = Buffer.buffer(o.toString());
                } catch (Exception e) {
                  req.response().setStatusCode(500).end();
                  return;
                }
              }
              req.response().putHeader("Content-Type", "application/json").end(answer);
            });
  }

  @Override
  public void close() {
    server.close().await();
    upstream.close();
  }
}
