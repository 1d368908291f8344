package io.opal.rpc;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The HTTP side of the server, on the event loop: checks (Host, CORS, authentication, method, size,
 * content type) answered at once, the body collected up to the limit, then dispatched on a virtual
 * thread and the answer written back on the event loop. Every refusal carries a JSON-RPC error
 * body; the server never answers 500 and never drops a socket it could answer on.
 */
final class HttpRequestHandler implements Handler<HttpServerRequest> {
  private static final long LATE_ANSWER_GRACE_MS = 1000;
  private static final RpcDispatcher.Response LATE_ANSWER =
      new RpcDispatcher.Response(
          Optional.of(
              RpcDispatcher.ResponseEncoder.error(
                  RequestId.NULL, RpcException.TIMEOUT, "request timed out")),
          java.util.List.of());

  private static final Set<String> JSON_TYPES =
      Set.of("application/json", "application/json-rpc", "application/jsonrequest");

  private final Vertx vertx;
  private final RpcServerConfig config;
  private final RpcDispatcher dispatcher;
  private final ExecutorService executor;
  private final HostAllowList hosts;
  private final OriginPolicy cors;
  private final RpcAuthenticator authenticator;
  private final OriginPolicy wsOrigins;
  private final Handler<HttpServerRequest> webSockets;
  private final HttpGetRoutes getRoutes;

  /**
   * @param webSockets takes upgrade requests that passed the checks (null: WebSocket disabled)
   * @param getRoutes plain GET routes beside JSON-RPC (null: none)
   */
  HttpRequestHandler(
      Vertx vertx,
      RpcServerConfig config,
      RpcDispatcher dispatcher,
      ExecutorService executor,
      RpcAuthenticator authenticator,
      Handler<HttpServerRequest> webSockets,
      HttpGetRoutes getRoutes) {
    this.vertx = vertx;
    this.config = config;
    this.dispatcher = dispatcher;
    this.executor = executor;
    this.hosts = new HostAllowList(config.virtualHosts());
    this.cors = OriginPolicy.cors(config.corsOrigins());
    this.authenticator = authenticator;
    this.wsOrigins = OriginPolicy.webSocket(config.wsOrigins());
    this.webSockets = webSockets;
    this.getRoutes = getRoutes;
  }

  @Override
  public void handle(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    if (!hosts.allows(req.getHeader("Host"))) {
      reject(req, 403, "invalid host specified");
      return;
    }
    String origin = req.getHeader("Origin");
    if (isUpgrade(req)) {
      upgrade(req, origin);
      return;
    }
    if (origin != null && !cors.isEmpty()) {
      cors.allowOriginHeader(origin)
          .ifPresent(
              allowed ->
                  resp.putHeader("Access-Control-Allow-Origin", allowed)
                      .putHeader("Vary", "Origin"));
    }
    if (req.method() == HttpMethod.OPTIONS) {
      preflight(req, origin);
      return;
    }
    if (!authenticated(req)) {
      return;
    }
    if (req.method() == HttpMethod.GET && getRoutes != null && !"/".equals(req.path())) {
      routeGet(req);
      return;
    }
    if (req.method() == HttpMethod.GET && isEmptyBody(req) && req.query() == null) {
      resp.setStatusCode(200).end(); // health checks (geth answers them the same way)
      return;
    }
    if (req.method() != HttpMethod.POST) {
      reject(req, 405, "method not allowed");
      return;
    }
    long declared = contentLength(req);
    if (declared > config.maxRequestBodyBytes()) {
      reject(
          req,
          413,
          "content length too large (" + declared + ">" + config.maxRequestBodyBytes() + ")");
      return;
    }
    if (!isJson(req.getHeader("Content-Type"))) {
      reject(req, 415, "invalid content type, only application/json is supported");
      return;
    }
    readBody(req);
  }

  /** WebSocket upgrades are checked against the WebSocket origin rules, not CORS. */
  private void upgrade(HttpServerRequest req, String origin) {
    if (webSockets == null) {
      reject(req, 400, "WebSocket is not enabled on this endpoint");
      return;
    }
    if (origin != null && !wsOrigins.allows(origin)) {
      reject(req, 403, "origin not allowed");
      return;
    }
    if (authenticated(req)) {
      webSockets.handle(req);
    }
  }

  /** Checks the Authorization header; answers 401 itself and returns false when refused. */
  private boolean authenticated(HttpServerRequest req) {
    if (authenticator == null) {
      return true;
    }
    Optional<String> refusal = authenticator.refusal(req.getHeader("Authorization"));
    if (refusal.isEmpty()) {
      return true;
    }
    req.response().putHeader("WWW-Authenticate", "Bearer");
    reject(req, 401, refusal.get());
    return false;
  }

  private static boolean isUpgrade(HttpServerRequest req) {
    String upgrade = req.getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private void readBody(HttpServerRequest req) {
    Buffer body = Buffer.buffer(256);
    boolean[] tooLarge = {false};
    req.handler(
        chunk -> {
          if (tooLarge[0]) {
            return; // draining what the client still sends after our 413
          }
          if (body.length() + chunk.length() > config.maxRequestBodyBytes()) {
            tooLarge[0] = true;
            reject(req, 413, "request body larger than " + config.maxRequestBodyBytes() + " bytes");
            return;
          }
          body.appendBuffer(chunk);
        });
    req.exceptionHandler(t -> {}); // the client went away; nothing to answer
    req.endHandler(
        v -> {
          if (!tooLarge[0]) {
            dispatch(req, body.getBytes());
          }
        });
  }

  /**
   * Runs the body on a virtual thread. A method that ignores its interruption at the deadline
   * cannot hold the client: a second later the client gets a -32002 answer (without ids, which only
   * the still-running dispatch knows) and the late answer is dropped.
   */
  private void dispatch(HttpServerRequest req, byte[] body) {
    Context context = vertx.getOrCreateContext();
    RpcConnection connection = new HttpConnection(remote(req));
    long lateTimer =
        vertx.setTimer(
            config.callTimeout().toMillis() + LATE_ANSWER_GRACE_MS,
            t -> respond(req, LATE_ANSWER, -1));
    try {
      executor.execute(
          () -> {
            RpcDispatcher.Response r = dispatcher.handle(body, connection);
            context.runOnContext(v -> respond(req, r, lateTimer));
          });
    } catch (RejectedExecutionException e) {
      vertx.cancelTimer(lateTimer);
      reject(req, 503, "server is closing");
    }
  }

  /** A GET route answered on a virtual thread; a path not served is a 404. */
  private void routeGet(HttpServerRequest req) {
    Context context = vertx.getOrCreateContext();
    String path = req.path();
    Optional<String> query = Optional.ofNullable(req.query());
    try {
      executor.execute(
          () -> {
            HttpGetRoutes.Answer a;
            try {
              a =
                  getRoutes
                      .get(path, query)
                      .orElseGet(() -> HttpGetRoutes.Answer.error(404, "no route " + path));
            } catch (RuntimeException e) {
              a = HttpGetRoutes.Answer.error(500, "internal error: " + e.getMessage());
            }
            HttpGetRoutes.Answer answer = a;
            context.runOnContext(
                v -> {
                  HttpServerResponse resp = req.response();
                  if (!resp.ended() && !resp.closed()) {
                    resp.setStatusCode(answer.status())
                        .putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(answer.json()));
                  }
                });
          });
    } catch (RejectedExecutionException e) {
      reject(req, 503, "server is closing");
    }
  }

  private void respond(HttpServerRequest req, RpcDispatcher.Response r, long lateTimer) {
    if (lateTimer >= 0) {
      vertx.cancelTimer(lateTimer);
    }
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(200).putHeader("Content-Type", "application/json");
    if (r.body().isPresent()) {
      resp.end(Buffer.buffer(r.body().get()));
    } else {
      resp.end();
    }
    r.afterSend().forEach(Runnable::run);
  }

  private void preflight(HttpServerRequest req, String origin) {
    HttpServerResponse resp = req.response();
    String method = req.getHeader("Access-Control-Request-Method");
    boolean allowed =
        origin != null
            && method != null
            && cors.allowOriginHeader(origin).isPresent()
            && (method.equalsIgnoreCase("POST") || method.equalsIgnoreCase("GET"));
    if (allowed) {
      resp.putHeader("Access-Control-Allow-Methods", method.toUpperCase(Locale.ROOT));
      String headers = req.getHeader("Access-Control-Request-Headers");
      if (headers != null) {
        resp.putHeader("Access-Control-Allow-Headers", headers);
      }
      resp.putHeader("Access-Control-Max-Age", "600");
    }
    resp.putHeader("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    resp.setStatusCode(204).end();
  }

  /**
   * Answers at once with {@code status} and a JSON-RPC error body. If the client is still sending
   * its body, what follows is read and dropped (up to one more body's worth, then the connection is
   * closed), so the client sees the answer rather than a reset connection.
   */
  private void reject(HttpServerRequest req, int status, String message) {
    HttpServerResponse resp = req.response();
    if (resp.ended()) {
      return;
    }
    if (!req.isEnded()) {
      long[] discarded = {0};
      resp.putHeader("Connection", "close");
      req.handler(
          chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > config.maxRequestBodyBytes()) {
              req.connection().close();
            }
          });
      req.endHandler(v -> {});
      req.exceptionHandler(t -> {});
    }
    byte[] body =
        RpcDispatcher.ResponseEncoder.error(RequestId.NULL, RpcException.INVALID_REQUEST, message);
    resp.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(body));
  }

  private static boolean isEmptyBody(HttpServerRequest req) {
    String cl = req.getHeader("Content-Length");
    String te = req.getHeader("Transfer-Encoding");
    return te == null && (cl == null || cl.trim().equals("0"));
  }

  private static long contentLength(HttpServerRequest req) {
    String cl = req.getHeader("Content-Length");
    if (cl == null) {
      return -1;
    }
    try {
      return Long.parseLong(cl.trim());
    } catch (NumberFormatException e) {
      return -1; // Netty rejects a malformed length before we see it
    }
  }

  /** Whether the media type (parameters such as charset ignored) is one geth accepts. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim();
    return JSON_TYPES.contains(type.toLowerCase(Locale.ROOT));
  }

  private static Optional<String> remote(HttpServerRequest req) {
    return Optional.ofNullable(req.remoteAddress()).map(Object::toString);
  }

  private record HttpConnection(Optional<String> remoteAddress) implements RpcConnection {
    @Override
    public Transport transport() {
      return Transport.HTTP;
    }
  }
}
