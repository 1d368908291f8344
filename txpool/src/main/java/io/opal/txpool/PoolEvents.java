package io.opal.txpool;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers new pending transactions to subscribers without ever blocking the pool: each subscriber
 * has a bounded queue drained by its own virtual thread; when a slow subscriber's queue is full,
 * its events are dropped and counted, the others are unaffected.
 */
final class PoolEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PoolEvents.class);

  private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  PoolSubscription subscribe(Consumer<NewPendingTransaction> listener, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    Subscriber s = new Subscriber(listener, capacity);
    subscribers.add(s);
    s.thread = Thread.ofVirtual().name("txpool-events").start(s::drain);
    return s;
  }

  /** Offers the events to every subscriber; never waits. */
  void publish(List<NewPendingTransaction> events) {
    if (events.isEmpty()) {
      return;
    }
    for (Subscriber s : subscribers) {
      for (NewPendingTransaction e : events) {
        if (!s.queue.offer(e)) {
          s.dropped.incrementAndGet();
        }
      }
    }
  }

  @Override
  public void close() {
    for (Subscriber s : subscribers) {
      s.close();
    }
  }

  private final class Subscriber implements PoolSubscription {
    final Consumer<NewPendingTransaction> listener;
    final BlockingQueue<NewPendingTransaction> queue;
    final AtomicLong dropped = new AtomicLong();
    volatile Thread thread;
    volatile boolean closed;

    Subscriber(Consumer<NewPendingTransaction> listener, int capacity) {
      this.listener = listener;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void drain() {
      while (!closed) {
        NewPendingTransaction e;
        try {
          e = queue.take();
        } catch (InterruptedException ie) {
          return;
        }
        try {
          listener.accept(e);
        } catch (RuntimeException ex) {
          // A failing listener must not stop delivery to itself or affect the pool.
          LOG.warn("newPendingTransactions listener failed", ex);
        }
      }
    }

    @Override
    public long dropped() {
      return dropped.get();
    }

    @Override
    public void close() {
      closed = true;
      subscribers.remove(this);
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }
}
