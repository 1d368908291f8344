package io.opal.rpc;

import java.util.function.Consumer;

/**
 * One kind of {@code eth_subscribe} subscription ({@code newHeads}, {@code logs}, ...): parses a
 * subscriber's arguments into a {@link Filter} that turns each published event into the results
 * that subscriber is sent.
 *
 * @param <E> the event the node publishes for this kind
 */
public interface SubscriptionSource<E> {
  /** The name clients subscribe with, e.g. {@code newHeads}. */
  String kind();

  /**
   * Opens a subscription from the {@code eth_subscribe} arguments ({@code params.get(0)} is the
   * kind; options follow).
   *
   * @throws RpcException -32602 for options it cannot accept
   */
  Filter<E> open(RpcParams params) throws RpcException;

  /** What one subscriber receives of each event. */
  @FunctionalInterface
  interface Filter<E> {
    /**
     * Emits zero or more results for {@code event}; each is sent as one {@code eth_subscription}
     * notification. Emitting the same object to many subscribers encodes it once.
     */
    void render(E event, Consumer<Object> emit);
  }
}
