package io.opal.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link JsonRpcServer} listens and what it accepts. Defaults follow geth's: 5 MiB request
 * bodies, batches of 1000 calls and 25 MB of batch response, {@code eth,net,web3} enabled, only
 * {@code localhost} (and IP literals) accepted as Host, no CORS origin, a 30 s call timeout.
 *
 * @param host interface to bind; 127.0.0.1 by default
 * @param port TCP port; 0 picks a free one (see {@link JsonRpcServer#port()})
 * @param apis enabled namespaces ({@code --http.api}); {@code *} enables all; {@code rpc} is always
 *     on
 * @param corsOrigins origins allowed to read responses in a browser ({@code --http.corsdomain}):
 *     exact origins, {@code *}, or patterns with one {@code *} such as {@code
 *     https://*.example.org}
 * @param virtualHosts accepted Host header names ({@code --http.vhosts}); {@code *} accepts any; IP
 *     literals are always accepted
 * @param wsOrigins browser origins allowed to open a WebSocket ({@code --ws.origins}); empty means
 *     localhost only; requests without an Origin header (non-browser clients) are always allowed
 * @param webSocket whether WebSocket upgrades are accepted on the same port
 * @param maxRequestBodyBytes larger HTTP bodies get HTTP 413
 * @param maxBatchSize larger batches get one "batch too large" error
 * @param maxBatchResponseBytes once a batch's answers pass this, the remaining calls get -32003
 * @param maxResponseBytes a single answer larger than this becomes a -32003 error
 * @param maxWebSocketMessageBytes larger WebSocket messages close the connection (status 1009)
 * @param callTimeout a call (or a whole batch) still running after this is answered with -32002
 * @param idleTimeout connections idle this long are closed
 * @param wsMaxQueuedMessages a WebSocket whose unsent messages pass this is closed (slow consumer)
 * @param wsMaxQueuedBytes likewise, in bytes
 * @param wsMaxInFlight calls of one WebSocket run at once; beyond, reading from it pauses
 * @param wsMaxSubscriptions subscriptions one WebSocket may hold
 * @param wsPingInterval how often the server pings WebSocket clients; one that answers nothing for
 *     two intervals is closed
 */
public record RpcServerConfig(
    String host,
    int port,
    Set<String> apis,
    List<String> corsOrigins,
    List<String> virtualHosts,
    List<String> wsOrigins,
    boolean webSocket,
    int maxRequestBodyBytes,
    int maxBatchSize,
    long maxBatchResponseBytes,
    long maxResponseBytes,
    int maxWebSocketMessageBytes,
    Duration callTimeout,
    Duration idleTimeout,
    int wsMaxQueuedMessages,
    long wsMaxQueuedBytes,
    int wsMaxInFlight,
    int wsMaxSubscriptions,
    Duration wsPingInterval) {

  public RpcServerConfig {
    Objects.requireNonNull(host, "host");
    apis = Set.copyOf(apis);
    corsOrigins = List.copyOf(corsOrigins);
    virtualHosts = List.copyOf(virtualHosts);
    wsOrigins = List.copyOf(wsOrigins);
    positive(maxRequestBodyBytes, "maxRequestBodyBytes");
    positive(maxBatchSize, "maxBatchSize");
    positive(maxBatchResponseBytes, "maxBatchResponseBytes");
    positive(maxResponseBytes, "maxResponseBytes");
    positive(maxWebSocketMessageBytes, "maxWebSocketMessageBytes");
    positive(wsMaxQueuedMessages, "wsMaxQueuedMessages");
    positive(wsMaxQueuedBytes, "wsMaxQueuedBytes");
    positive(wsMaxInFlight, "wsMaxInFlight");
    positive(wsMaxSubscriptions, "wsMaxSubscriptions");
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive");
    }
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }

  /** geth's defaults on 127.0.0.1:8545. */
  public static RpcServerConfig defaults() {
    return new RpcServerConfig(
        "127.0.0.1",
        8545,
        Set.of("eth", "net", "web3"),
        List.of(),
        List.of("localhost"),
        List.of(),
        true,
        5 * 1024 * 1024,
        1000,
        25_000_000L,
        256L * 1024 * 1024,
        32 * 1024 * 1024,
        Duration.ofSeconds(30),
        Duration.ofSeconds(120),
        4096,
        16L * 1024 * 1024,
        64,
        1000,
        Duration.ofSeconds(30));
  }

  public boolean isApiEnabled(String namespace) {
    return "rpc".equals(namespace) || apis.contains("*") || apis.contains(namespace);
  }

  public RpcServerConfig withHost(String v) {
    return builder().host(v).build();
  }

  public RpcServerConfig withPort(int v) {
    return builder().port(v).build();
  }

  public RpcServerConfig withApis(Set<String> v) {
    return builder().apis(v).build();
  }

  public Builder builder() {
    return new Builder(this);
  }

  /** Changes some settings of an existing configuration. */
  public static final class Builder {
    private String host;
    private int port;
    private Set<String> apis;
    private List<String> corsOrigins;
    private List<String> virtualHosts;
    private List<String> wsOrigins;
    private boolean webSocket;
    private int maxRequestBodyBytes;
    private int maxBatchSize;
    private long maxBatchResponseBytes;
    private long maxResponseBytes;
    private int maxWebSocketMessageBytes;
    private Duration callTimeout;
    private Duration idleTimeout;
    private int wsMaxQueuedMessages;
    private long wsMaxQueuedBytes;
    private int wsMaxInFlight;
    private int wsMaxSubscriptions;
    private Duration wsPingInterval;

    private Builder(RpcServerConfig c) {
      host = c.host;
      port = c.port;
      apis = c.apis;
      corsOrigins = c.corsOrigins;
      virtualHosts = c.virtualHosts;
      wsOrigins = c.wsOrigins;
      webSocket = c.webSocket;
      maxRequestBodyBytes = c.maxRequestBodyBytes;
      maxBatchSize = c.maxBatchSize;
      maxBatchResponseBytes = c.maxBatchResponseBytes;
      maxResponseBytes = c.maxResponseBytes;
      maxWebSocketMessageBytes = c.maxWebSocketMessageBytes;
      callTimeout = c.callTimeout;
      idleTimeout = c.idleTimeout;
      wsMaxQueuedMessages = c.wsMaxQueuedMessages;
      wsMaxQueuedBytes = c.wsMaxQueuedBytes;
      wsMaxInFlight = c.wsMaxInFlight;
      wsMaxSubscriptions = c.wsMaxSubscriptions;
      wsPingInterval = c.wsPingInterval;
    }

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder apis(Set<String> v) {
      apis = v;
      return this;
    }

    public Builder corsOrigins(List<String> v) {
      corsOrigins = v;
      return this;
    }

    public Builder virtualHosts(List<String> v) {
      virtualHosts = v;
      return this;
    }

    public Builder wsOrigins(List<String> v) {
      wsOrigins = v;
      return this;
    }

    public Builder webSocket(boolean v) {
      webSocket = v;
      return this;
    }

    public Builder maxRequestBodyBytes(int v) {
      maxRequestBodyBytes = v;
      return this;
    }

    public Builder maxBatchSize(int v) {
      maxBatchSize = v;
      return this;
    }

    public Builder maxBatchResponseBytes(long v) {
      maxBatchResponseBytes = v;
      return this;
    }

    public Builder maxResponseBytes(long v) {
      maxResponseBytes = v;
      return this;
    }

    public Builder maxWebSocketMessageBytes(int v) {
      maxWebSocketMessageBytes = v;
      return this;
    }

    public Builder callTimeout(Duration v) {
      callTimeout = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public Builder wsMaxQueuedMessages(int v) {
      wsMaxQueuedMessages = v;
      return this;
    }

    public Builder wsMaxQueuedBytes(long v) {
      wsMaxQueuedBytes = v;
      return this;
    }

    public Builder wsMaxInFlight(int v) {
      wsMaxInFlight = v;
      return this;
    }

    public Builder wsMaxSubscriptions(int v) {
      wsMaxSubscriptions = v;
      return this;
    }

    public Builder wsPingInterval(Duration v) {
      wsPingInterval = v;
      return this;
    }

    public RpcServerConfig build() {
      return new RpcServerConfig(
          host,
          port,
          apis,
          corsOrigins,
          virtualHosts,
          wsOrigins,
          webSocket,
          maxRequestBodyBytes,
          maxBatchSize,
          maxBatchResponseBytes,
          maxResponseBytes,
          maxWebSocketMessageBytes,
          callTimeout,
          idleTimeout,
          wsMaxQueuedMessages,
          wsMaxQueuedBytes,
          wsMaxInFlight,
          wsMaxSubscriptions,
          wsPingInterval);
    }
  }
}
