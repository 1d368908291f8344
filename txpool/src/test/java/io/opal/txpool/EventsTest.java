package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** newPendingTransactions: announced when executable, delivered without blocking the pool. */
class EventsTest {
  private final Harness h = new Harness();

  @Test
  void executableTransactionsAreAnnouncedQueuedOnesWhenPromoted() throws InterruptedException {
    var seen = new LinkedBlockingQueue<NewPendingTransaction>();
    try (PoolSubscription sub = h.pool.subscribeNewPending(seen::add, 64)) {
      var queued = h.accept(Tx.dynamic(1).nonce(1)).transaction();
      assertNull(seen.poll(100, TimeUnit.MILLISECONDS));
      var pending = h.accept(Tx.dynamic(1).nonce(0)).transaction();
      NewPendingTransaction first = seen.poll(5, TimeUnit.SECONDS);
      NewPendingTransaction second = seen.poll(5, TimeUnit.SECONDS);
      assertEquals(pending.hash(), first.hash());
      assertEquals(queued.hash(), second.hash());
      assertEquals(pending.transaction(), first.transaction());
      assertEquals(Keys.address(1), first.sender());
      // a pending replacement is announced too
      var bumped = h.accept(Tx.dynamic(1).nonce(0).price(200, 4_000)).transaction();
      assertEquals(bumped.hash(), seen.poll(5, TimeUnit.SECONDS).hash());
      assertEquals(0, sub.dropped());
    }
  }

  @Test
  void slowSubscriberLosesEventsButNeverBlocksThePool() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    var fast = new LinkedBlockingQueue<NewPendingTransaction>();
    try (PoolSubscription slow =
            h.pool.subscribeNewPending(
                e -> {
                  entered.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                  }
                },
                2);
        PoolSubscription quick = h.pool.subscribeNewPending(fast::add, 100)) {
      h.accept(Tx.dynamic(1).nonce(0));
      assertTrue(entered.await(5, TimeUnit.SECONDS)); // the slow listener holds event 1
      for (int n = 1; n < 10; n++) {
        h.accept(Tx.dynamic(1).nonce(n)); // returns although the slow listener is stuck
      }
      assertEquals(7, slow.dropped()); // 2 queued behind the one it holds, 7 lost
      for (int i = 0; i < 10; i++) {
        assertTrue(fast.poll(5, TimeUnit.SECONDS) != null);
      }
      assertEquals(0, quick.dropped());
      release.countDown();
    }
  }

  @Test
  void closedSubscriptionReceivesNothing() throws InterruptedException {
    var seen = new LinkedBlockingQueue<NewPendingTransaction>();
    PoolSubscription sub = h.pool.subscribeNewPending(seen::add, 8);
    sub.close();
    h.accept(Tx.dynamic(1));
    assertNull(seen.poll(100, TimeUnit.MILLISECONDS));
  }

  @Test
  void failingListenerKeepsReceiving() throws InterruptedException {
    var seen = new LinkedBlockingQueue<NewPendingTransaction>();
    try (PoolSubscription sub =
        h.pool.subscribeNewPending(
            e -> {
              seen.add(e);
              throw new IllegalStateException("listener bug");
            },
            8)) {
      h.accept(Tx.dynamic(1).nonce(0));
      h.accept(Tx.dynamic(1).nonce(1));
      assertTrue(seen.poll(5, TimeUnit.SECONDS) != null);
      assertTrue(seen.poll(5, TimeUnit.SECONDS) != null);
    }
  }
}
