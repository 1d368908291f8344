package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One JSON-RPC 2.0 endpoint, one attempt per call: retries are the client's business.
 *
 * <p>Futures fail with an {@link L1Exception}: {@link L1Exception.Kind#TEMPORARY} when no answer
 * came (connection refused or lost, timeout, HTTP 5xx/429) or the node is rate limiting, {@link
 * L1Exception#rpcError} kinds for JSON-RPC errors, {@link L1Exception.Kind#CRITICAL} for a response
 * that is not JSON-RPC. They complete off the I/O event loop (on the transport's executor), so
 * dependent stages may do CPU work.
 */
public interface RpcTransport extends AutoCloseable {

  /** Calls {@code method}; the future yields the {@code result} member (a NullNode for null). */
  CompletableFuture<JsonNode> call(String method, ArrayNode params);

  /** Whether {@link #subscribe} works (WebSocket transports). */
  default boolean supportsSubscriptions() {
    return false;
  }

  /**
   * Starts an {@code eth_subscribe} subscription; each notification's {@code result} goes to {@code
   * onEvent} and a lost subscription to {@code onError}, both off the event loop and in order.
   */
  default CompletableFuture<Subscription> subscribe(
      ArrayNode params, Consumer<JsonNode> onEvent, Consumer<L1Exception> onError) {
    return CompletableFuture.failedFuture(
        new L1Exception(
            L1Exception.Kind.CRITICAL, "subscriptions need a WebSocket endpoint: " + endpoint()));
  }

  /** The endpoint, for messages. */
  String endpoint();

  @Override
  void close();

  /** A running subscription. */
  interface Subscription extends AutoCloseable {
    /** Ends the subscription ({@code eth_unsubscribe}); further events are dropped. */
    @Override
    void close();
  }
}
