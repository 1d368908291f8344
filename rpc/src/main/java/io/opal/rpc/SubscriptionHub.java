package io.opal.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans node events out to WebSocket subscribers. The node publishes an event once ({@link
 * #publish}); every active subscription of that kind renders it through its filter, each distinct
 * result is encoded once, and the notifications are queued on the subscribers' connections. A
 * connection that cannot keep up is closed by its bounded queue, so publishing never blocks and
 * never grows memory without bound.
 *
 * <p>{@link #registerMethods} adds {@code eth_subscribe} and {@code eth_unsubscribe}. A
 * subscription's notifications follow the response carrying its id (those published earlier are
 * held until it is queued), and it ends with {@code eth_unsubscribe} or its connection.
 */
public final class SubscriptionHub {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);
  private static final byte[] PREFIX =
      "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\""
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MIDDLE = "\",\"result\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "}}".getBytes(StandardCharsets.US_ASCII);

  /** A published event kind; obtained from {@link #addSource}. */
  public static final class Topic<E> {
    private final SubscriptionSource<E> source;
    private final Map<String, Subscription<E>> subscriptions = new ConcurrentHashMap<>();

    private Topic(SubscriptionSource<E> source) {
      this.source = source;
    }

    public String kind() {
      return source.kind();
    }

    /** Whether anyone listens, so a publisher can skip building events nobody receives. */
    public boolean hasSubscribers() {
      return !subscriptions.isEmpty();
    }
  }

  private static final class Subscription<E> {
    final String id;
    final SubscriberConnection connection;
    final SubscriptionSource.Filter<E> filter;

    /**
     * False until the subscribe response is queued. Notifications rendered before then wait in
     * {@link #held}, so none overtakes the response and none published meanwhile is lost.
     */
    volatile boolean active;

    /** Guarded by {@code this}; null once active. */
    private java.util.List<byte[]> held = new java.util.ArrayList<>();

    Subscription(String id, SubscriberConnection connection, SubscriptionSource.Filter<E> filter) {
      this.id = id;
      this.connection = connection;
      this.filter = filter;
    }

    void send(byte[] notification) {
      if (!active) {
        synchronized (this) {
          if (!active) {
            if (held.size() < MAX_HELD) {
              held.add(notification);
            }
            return;
          }
        }
      }
      connection.deliver(notification);
    }

    synchronized void activate() {
      for (byte[] n : held) {
        connection.deliver(n);
      }
      held = null;
      active = true;
    }
  }

  /**
   * Notifications kept for one subscription while its subscribe response is in flight; more are
   * dropped.
   */
  private static final int MAX_HELD = 16;

  private final Map<String, Topic<?>> topics = new ConcurrentHashMap<>();
  private final Map<String, Topic<?>> topicOfSubscription = new ConcurrentHashMap<>();
  private final Supplier<String> ids;

  /** A hub whose subscription ids are 128 random bits, as geth's. */
  public SubscriptionHub() {
    this(randomIds(new SecureRandom()));
  }

  /** A hub with the given id source (tests inject a deterministic one). */
  public SubscriptionHub(Supplier<String> ids) {
    this.ids = ids;
  }

  /** geth's id format: 0x and 16 random bytes in hex, leading zeros dropped. */
  public static Supplier<String> randomIds(java.util.Random random) {
    return () -> {
      byte[] b = new byte[16];
      synchronized (random) {
        random.nextBytes(b);
      }
      String hex = new java.math.BigInteger(1, b).toString(16);
      return "0x" + hex;
    };
  }

  public <E> Topic<E> addSource(SubscriptionSource<E> source) {
    Topic<E> topic = new Topic<>(source);
    if (topics.putIfAbsent(source.kind(), topic) != null) {
      throw new IllegalArgumentException("subscription kind already added: " + source.kind());
    }
    return topic;
  }

  /** Adds {@code eth_subscribe} and {@code eth_unsubscribe} to {@code registry}. */
  public void registerMethods(RpcMethodRegistry registry) {
    registry.register("eth_subscribe", 3, this::subscribe);
    registry.register("eth_unsubscribe", 1, this::unsubscribe);
  }

  /** Active and pending subscriptions, over all connections. */
  public int subscriptionCount() {
    return topicOfSubscription.size();
  }

  /** Renders {@code event} for every active subscriber of {@code topic} and queues the results. */
  public <E> void publish(Topic<E> topic, E event) {
    if (topic.subscriptions.isEmpty()) {
      return;
    }
    Map<Object, byte[]> encoded = new IdentityHashMap<>();
    for (Subscription<E> s : topic.subscriptions.values()) {
      try {
        s.filter.render(
            event,
            result -> {
              byte[] json = encoded.computeIfAbsent(result, SubscriptionHub::encode);
              s.send(notification(s.id, json));
            });
      } catch (RuntimeException e) {
        LOG.error("Subscription filter for {} failed", topic.kind(), e);
      }
    }
  }

  /** Drops every subscription of a closed connection. */
  void connectionClosed(SubscriberConnection connection) {
    for (String id : connection.subscriptionIds()) {
      Topic<?> topic = topicOfSubscription.remove(id);
      if (topic != null) {
        topic.subscriptions.remove(id);
      }
    }
  }

  private Object subscribe(RpcParams params) throws RpcException {
    if (!(params.connection() instanceof SubscriberConnection connection)) {
      throw new RpcException(RpcException.NOTIFICATIONS_UNSUPPORTED, "notifications not supported");
    }
    String kind = params.read(0, JsonValues::string);
    Topic<?> topic = topics.get(kind);
    if (topic == null) {
      throw new RpcException(
          RpcException.METHOD_NOT_FOUND, "no \"" + kind + "\" subscription in eth namespace");
    }
    return open(topic, params, connection);
  }

  private <E> String open(Topic<E> topic, RpcParams params, SubscriberConnection connection)
      throws RpcException {
    SubscriptionSource.Filter<E> filter = topic.source.open(params);
    String id = ids.get();
    if (!connection.addSubscription(id)) {
      throw RpcException.limitExceeded("too many subscriptions on this connection");
    }
    Subscription<E> s = new Subscription<>(id, connection, filter);
    topic.subscriptions.put(id, s);
    topicOfSubscription.put(id, topic);
    if (connection.isClosed()) { // closed while we registered: its cleanup may have run already
      topic.subscriptions.remove(id);
      topicOfSubscription.remove(id);
    }
    params.afterResponse(s::activate);
    return id;
  }

  private Object unsubscribe(RpcParams params) throws RpcException {
    String id = params.read(0, JsonValues::string);
    Topic<?> topic = topicOfSubscription.get(id);
    if (topic == null
        || !(params.connection() instanceof SubscriberConnection connection)
        || !connection.removeSubscription(id)) {
      throw RpcException.serverError("subscription not found");
    }
    topic.subscriptions.remove(id);
    topicOfSubscription.remove(id);
    return Boolean.TRUE;
  }

  private static byte[] notification(String id, byte[] result) {
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[PREFIX.length + idBytes.length + MIDDLE.length + result.length + 2];
    int at = 0;
    System.arraycopy(PREFIX, 0, out, at, PREFIX.length);
    at += PREFIX.length;
    System.arraycopy(idBytes, 0, out, at, idBytes.length);
    at += idBytes.length;
    System.arraycopy(MIDDLE, 0, out, at, MIDDLE.length);
    at += MIDDLE.length;
    System.arraycopy(result, 0, out, at, result.length);
    at += result.length;
    System.arraycopy(SUFFIX, 0, out, at, SUFFIX.length);
    return out;
  }

  private static byte[] encode(Object result) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = RpcJson.FACTORY.createGenerator(out)) {
      JsonOutput.write(g, result);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
