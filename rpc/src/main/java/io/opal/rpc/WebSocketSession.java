package io.opal.rpc;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket client. Each incoming message is dispatched on a virtual thread; answers and
 * subscription notifications go through one bounded outbox that the event loop drains as fast as
 * the socket accepts. When the outbox passes its limits the client is not reading: it is closed
 * with status 1008 rather than buffered without end. Reading pauses while too many calls of this
 * client are in flight, so one client cannot flood the call executor either.
 */
final class WebSocketSession implements SubscriberConnection {
  static final short POLICY_VIOLATION = 1008;

  /** How long a closing client gets to complete the close handshake before its socket is cut. */
  private static final long CLOSE_GRACE_MS = 3000;

  private final ServerWebSocket ws;
  private final HttpConnection connection;
  private final Vertx vertx;
  private final Context context;
  private final RpcDispatcher dispatcher;
  private final ExecutorService executor;
  private final RpcServerConfig config;
  private final SubscriptionHub hub;
  private final Runnable onClose;

  private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedMessages = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private volatile boolean closed;
  private volatile boolean paused;
  private volatile long lastHeardNanos = System.nanoTime();

  WebSocketSession(
      ServerWebSocket ws,
      HttpConnection connection,
      Vertx vertx,
      Context context,
      RpcDispatcher dispatcher,
      ExecutorService executor,
      RpcServerConfig config,
      SubscriptionHub hub,
      Runnable onClose) {
    this.ws = ws;
    this.connection = connection;
    this.vertx = vertx;
    this.context = context;
    this.dispatcher = dispatcher;
    this.executor = executor;
    this.config = config;
    this.hub = hub;
    this.onClose = onClose;
  }

  /** Installs the handlers; called on the connection's event loop. */
  void start() {
    ws.textMessageHandler(text -> onMessage(text.getBytes(StandardCharsets.UTF_8)));
    ws.binaryMessageHandler(buffer -> onMessage(buffer.getBytes()));
    ws.pongHandler(b -> lastHeardNanos = System.nanoTime());
    ws.drainHandler(v -> drain());
    ws.exceptionHandler(t -> {}); // reported by close; a broken client is not a server error
    ws.closeHandler(v -> closed());
  }

  private void onMessage(byte[] body) {
    lastHeardNanos = System.nanoTime();
    if (closing) {
      return;
    }
    if (inFlight.incrementAndGet() >= config.wsMaxInFlight()) {
      paused = true;
      ws.pause();
    }
    try {
      executor.execute(() -> process(body));
    } catch (RejectedExecutionException e) {
      finished();
    }
  }

  private void process(byte[] body) {
    try {
      RpcDispatcher.Response r = dispatcher.handle(body, this);
      r.body().ifPresent(this::deliver);
      r.afterSend().forEach(Runnable::run);
    } finally {
      finished();
    }
  }

  private void finished() {
    if (inFlight.decrementAndGet() < config.wsMaxInFlight() && paused) {
      context.runOnContext(
          v -> {
            if (paused && inFlight.get() < config.wsMaxInFlight() && !closed) {
              paused = false;
              ws.resume();
            }
          });
    }
  }

  @Override
  public boolean deliver(byte[] message) {
    if (closing) {
      return false;
    }
    int count = queuedMessages.incrementAndGet();
    long bytes = queuedBytes.addAndGet(message.length);
    if (count > config.wsMaxQueuedMessages() || bytes > config.wsMaxQueuedBytes()) {
      queuedMessages.decrementAndGet();
      queuedBytes.addAndGet(-message.length);
      closeSlowConsumer();
      return false;
    }
    outbox.add(message);
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
    return true;
  }

  /** Writes queued messages while the socket accepts them; the drain handler resumes it. */
  private void drain() {
    drainScheduled.set(false);
    while (!closing && !ws.writeQueueFull()) {
      byte[] m = outbox.poll();
      if (m == null) {
        return;
      }
      queuedMessages.decrementAndGet();
      queuedBytes.addAndGet(-m.length);
      ws.writeTextMessage(new String(m, StandardCharsets.UTF_8));
    }
  }

  private void closeSlowConsumer() {
    closeForPolicy("slow consumer: outbound queue full");
  }

  /**
   * Closes with status 1008. Subscriptions end at once; the socket is cut if the client does not
   * complete the close handshake in time (a client that stopped reading never will).
   */
  private void closeForPolicy(String reason) {
    if (closing) {
      return;
    }
    closing = true;
    if (hub != null) {
      hub.connectionClosed(this);
    }
    context.runOnContext(
        v -> {
          clearOutbox();
          ws.close(POLICY_VIOLATION, reason);
          vertx.setTimer(
              CLOSE_GRACE_MS,
              t -> {
                if (!closed) {
                  connection.close();
                }
              });
        });
  }

  /** Pings the client, or closes it when it has been silent for two ping intervals. */
  void ping(long nowNanos) {
    if (closing) {
      return;
    }
    if (nowNanos - lastHeardNanos > 2 * config.wsPingInterval().toNanos()) {
      closeForPolicy("no answer to ping");
      return;
    }
    context.runOnContext(v -> ws.writePing(Buffer.buffer(new byte[] {0x6f, 0x70, 0x61, 0x6c})));
  }

  void close() {
    closing = true;
    ws.close();
  }

  private void closed() {
    closing = true;
    closed = true;
    clearOutbox();
    if (hub != null) {
      hub.connectionClosed(this);
    }
    subscriptions.clear();
    onClose.run();
  }

  private void clearOutbox() {
    outbox.clear();
    queuedMessages.set(0);
    queuedBytes.set(0);
  }

  @Override
  public boolean addSubscription(String id) {
    if (subscriptions.size() >= config.wsMaxSubscriptions()) {
      return false;
    }
    return subscriptions.add(id);
  }

  @Override
  public boolean removeSubscription(String id) {
    return subscriptions.remove(id);
  }

  @Override
  public java.util.List<String> subscriptionIds() {
    return java.util.List.copyOf(subscriptions);
  }

  @Override
  public boolean isClosed() {
    return closing || closed;
  }

  @Override
  public Transport transport() {
    return Transport.WEBSOCKET;
  }

  @Override
  public Optional<String> remoteAddress() {
    return Optional.ofNullable(ws.remoteAddress()).map(Object::toString);
  }
}
