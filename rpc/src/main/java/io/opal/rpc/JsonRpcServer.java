package io.opal.rpc;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC 2.0 server on Vert.x: HTTP POST and WebSocket on one port and path, single calls and
 * batches, the limits of {@link RpcServerConfig}, the methods of an {@link RpcMethodRegistry}
 * restricted to the enabled namespaces, and optionally subscriptions ({@link SubscriptionHub}) and
 * authentication ({@link RpcAuthenticator}, for the admin endpoint).
 *
 * <p>The event loop only moves bytes: every request runs on a virtual thread and may block. {@link
 * #close()} stops listening, closes every connection and stops the call threads; a Vert.x instance
 * the server created itself is closed with it.
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);

  private final String name;
  private final RpcServerConfig config;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final SubscriptionHub hub;
  private final RpcAuthenticator authenticator;
  private final ExecutorService executor;
  private final CallWatchdog watchdog;
  private final RpcDispatcher dispatcher;
  private final HttpGetRoutes getRoutes;
  private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private long pingTimer = -1;
  private volatile boolean closed;

  private JsonRpcServer(Builder b) {
    this.name = b.name;
    this.config = b.config;
    this.ownsVertx = b.vertx == null;
    this.vertx = ownsVertx ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)) : b.vertx;
    this.hub = b.hub;
    this.authenticator = b.authenticator;
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-call-", 0).factory());
    this.watchdog = new CallWatchdog(name);
    this.dispatcher = new RpcDispatcher(b.registry, config, watchdog);
    this.getRoutes = b.getRoutes;
  }

  public static Builder builder(RpcMethodRegistry registry) {
    return new Builder(registry);
  }

  /**
   * Binds and starts serving; returns once the port is open.
   *
   * @throws ServerStartException if the port cannot be bound (taken, or not allowed)
   */
  public JsonRpcServer start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout((int) Math.max(1, config.idleTimeout().toSeconds()))
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            .setMaxWebSocketFrameSize(config.maxWebSocketMessageBytes())
            .setMaxWebSocketMessageSize(config.maxWebSocketMessageBytes())
            .setWebSocketClosingTimeout(5);
    HttpServer s = vertx.createHttpServer(options);
    s.requestHandler(
        new HttpRequestHandler(
            vertx,
            config,
            dispatcher,
            executor,
            authenticator,
            config.webSocket() ? this::openWebSocket : null,
            getRoutes));
    if (config.webSocket()) {
      long interval = Math.max(1, config.wsPingInterval().toMillis());
      pingTimer =
          vertx.setPeriodic(
              interval,
              id -> {
                long now = System.nanoTime();
                sessions.forEach(session -> session.ping(now));
              });
    }
    try {
      this.server = await(s.listen());
    } catch (IllegalStateException e) {
      if (pingTimer >= 0) {
        vertx.cancelTimer(pingTimer);
      }
      throw new ServerStartException(
          name
              + " JSON-RPC cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e.getCause());
    }
    LOG.info("{} JSON-RPC listening on {}:{}", name, config.host(), server.actualPort());
    return this;
  }

  /** Completes an upgrade that passed the checks of {@link HttpRequestHandler}. */
  private void openWebSocket(HttpServerRequest req) {
    Context context = vertx.getOrCreateContext();
    HttpConnection connection = req.connection();
    req.toWebSocket()
        .onSuccess(
            ws -> {
              WebSocketSession[] self = new WebSocketSession[1];
              self[0] =
                  new WebSocketSession(
                      ws,
                      connection,
                      vertx,
                      context,
                      dispatcher,
                      executor,
                      config,
                      hub,
                      () -> sessions.remove(self[0]));
              sessions.add(self[0]);
              self[0].start();
            });
  }

  /** The bound port (useful after configuring port 0). */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("server not started");
    }
    return server.actualPort();
  }

  public RpcServerConfig config() {
    return config;
  }

  /** Open WebSocket connections. */
  public int webSocketConnections() {
    return sessions.size();
  }

  /**
   * Processes one request body in-process exactly as the HTTP transport would (no subscriptions):
   * the JSON answer, or empty when it held only notifications.
   */
  public Optional<byte[]> handle(byte[] body) {
    return dispatcher.handle(body, RpcConnection.of(RpcConnection.Transport.IN_PROCESS)).body();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    sessions.forEach(WebSocketSession::close);
    if (server != null) {
      try {
        await(server.close());
      } catch (RuntimeException e) {
        LOG.warn("Closing the {} server failed", name, e);
      }
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchdog.close();
    if (ownsVertx) {
      try {
        await(vertx.close());
      } catch (RuntimeException e) {
        LOG.warn("Closing Vert.x failed", e);
      }
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Vert.x did not answer in 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Assembles a server; only the registry is required. */
  public static final class Builder {
    private final RpcMethodRegistry registry;
    private RpcServerConfig config = RpcServerConfig.defaults();
    private String name = "rpc";
    private Vertx vertx;
    private SubscriptionHub hub;
    private RpcAuthenticator authenticator;
    private HttpGetRoutes getRoutes;

    private Builder(RpcMethodRegistry registry) {
      this.registry = Objects.requireNonNull(registry);
    }

    public Builder config(RpcServerConfig v) {
      config = Objects.requireNonNull(v);
      return this;
    }

    /** A short name for logs and thread names ("rpc", "admin"). */
    public Builder name(String v) {
      name = Objects.requireNonNull(v);
      return this;
    }

    /** A Vert.x instance to share (the server then leaves it open on close). */
    public Builder vertx(Vertx v) {
      vertx = v;
      return this;
    }

    /** The hub whose subscriptions this server's WebSocket clients may open. */
    public Builder subscriptions(SubscriptionHub v) {
      hub = v;
      return this;
    }

    /** Requires every request and WebSocket upgrade to pass {@code v}. */
    public Builder authenticator(RpcAuthenticator v) {
      authenticator = v;
      return this;
    }

    /**
     * Serves plain HTTP GET requests on paths other than {@code /} with {@code v} (after the same
     * host, CORS and authentication checks as JSON-RPC).
     */
    public Builder getRoutes(HttpGetRoutes v) {
      getRoutes = v;
      return this;
    }

    public JsonRpcServer build() {
      return new JsonRpcServer(this);
    }
  }
}
