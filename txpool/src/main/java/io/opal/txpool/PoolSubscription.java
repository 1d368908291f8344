package io.opal.txpool;

/** A listener's registration; closing it stops delivery. */
public interface PoolSubscription extends AutoCloseable {

  /** Events this subscriber lost because its queue was full (it was slower than the pool). */
  long dropped();

  @Override
  void close();
}
