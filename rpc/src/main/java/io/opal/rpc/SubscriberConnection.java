package io.opal.rpc;

/** A connection that can carry subscription notifications (a WebSocket). */
interface SubscriberConnection extends RpcConnection {
  /**
   * Queues a notification; false when the connection is closed or is being closed for falling
   * behind. Never blocks.
   */
  boolean deliver(byte[] message);

  /** Records a subscription id as this connection's; false past the per-connection limit. */
  boolean addSubscription(String id);

  /** Forgets a subscription id; false when it was not this connection's. */
  boolean removeSubscription(String id);

  boolean isClosed();

  /** The ids this connection holds. */
  java.util.List<String> subscriptionIds();
}
