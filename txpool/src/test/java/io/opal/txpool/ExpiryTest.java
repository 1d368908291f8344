package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Queued transactions of senders without progress for the lifetime (3 h) expire. */
class ExpiryTest {
  private final Harness h = new Harness();

  @Test
  void staleQueueExpiresPendingStays() {
    h.accept(Tx.dynamic(1).nonce(0));
    h.accept(Tx.dynamic(1).nonce(5));
    h.accept(Tx.dynamic(2).nonce(3));
    h.clock.advance(Duration.ofHours(3));
    assertEquals(0, h.pool.maintain());
    h.clock.advance(Duration.ofSeconds(1));
    assertEquals(2, h.pool.maintain());
    assertEquals(new PoolStatus(1, 0), h.pool.status());
  }

  @Test
  void progressResetsTheClock() {
    h.accept(Tx.dynamic(1).nonce(0));
    h.accept(Tx.dynamic(1).nonce(5));
    h.clock.advance(Duration.ofHours(2));
    h.accept(Tx.dynamic(1).nonce(1)); // promoted: the sender is making progress
    h.clock.advance(Duration.ofHours(2));
    assertEquals(0, h.pool.maintain());
    h.clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertEquals(1, h.pool.maintain());
    assertEquals(new PoolStatus(2, 0), h.pool.status());
  }

  @Test
  void localQueuesDoNotExpire() {
    h.addLocal(Tx.dynamic(1).nonce(4).sign()).orElseThrow();
    h.clock.advance(Duration.ofHours(10));
    assertEquals(0, h.pool.maintain());
    assertEquals(new PoolStatus(0, 1), h.pool.status());
  }

  @Test
  void lifetimeIsConfigurable() {
    Harness quick =
        new Harness(PoolConfig.defaults(Tx.CHAIN_ID).withLifetime(Duration.ofMinutes(1)));
    quick.accept(Tx.dynamic(1).nonce(2));
    quick.clock.advance(Duration.ofSeconds(61));
    assertEquals(1, quick.pool.maintain());
    assertTrue(quick.pool.content().queued().isEmpty());
  }
}
