package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The backoff schedule and the retry loop, on a manual clock. */
class RetrierTest {

  /** A scheduler whose time only moves when the test says so. */
  static final class ManualScheduler implements TaskScheduler {
    final List<Duration> delays = new ArrayList<>();
    final Deque<Runnable> due = new ArrayDeque<>();

    @Override
    public void schedule(Duration delay, Runnable task) {
      delays.add(delay);
      due.add(task);
    }

    /** Runs every task scheduled so far, and those they schedule, until none is left. */
    void runAll() {
      while (!due.isEmpty()) {
        due.poll().run();
      }
    }
  }

  /** Always the same "random" fraction, so that jittered delays are exact. */
  private static RandomGenerator constant(double fraction) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return fraction;
      }
    };
  }

  private static final RetryPolicy POLICY =
      new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.5);

  @Test
  void delaysGrowExponentiallyUpToTheCapWithBoundedJitter() {
    // No jitter drawn (fraction 0): the bare schedule.
    RandomGenerator none = constant(0);
    assertEquals(Duration.ZERO, POLICY.delayBefore(1, none));
    assertEquals(Duration.ofMillis(100), POLICY.delayBefore(2, none));
    assertEquals(Duration.ofMillis(200), POLICY.delayBefore(3, none));
    assertEquals(Duration.ofMillis(400), POLICY.delayBefore(4, none));
    assertEquals(Duration.ofMillis(800), POLICY.delayBefore(5, none));
    assertEquals(Duration.ofMillis(1000), POLICY.delayBefore(6, none));
    assertEquals(Duration.ofMillis(1000), POLICY.delayBefore(60, none));
    // The most jitter: half of it off.
    assertEquals(Duration.ofMillis(200), POLICY.delayBefore(4, constant(1.0)));
    // Random jitter stays within [base/2, base].
    SplittableRandom random = new SplittableRandom(1);
    for (int attempt = 2; attempt < 10; attempt++) {
      long base = Math.min(1000, 100L << (attempt - 2));
      long ms = POLICY.delayBefore(attempt, random).toMillis();
      assertTrue(ms >= base / 2 && ms <= base, "attempt " + attempt + ": " + ms);
    }
  }

  @Test
  void temporaryFailuresAreRetriedOnTheSchedule() {
    ManualScheduler clock = new ManualScheduler();
    Retrier retrier = new Retrier(POLICY, clock, constant(0));
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<String> result =
        retrier.run(
            "eth_test",
            () ->
                calls.incrementAndGet() <= 3
                    ? CompletableFuture.failedFuture(
                        new L1Exception(L1Exception.Kind.TEMPORARY, "connection refused"))
                    : CompletableFuture.completedFuture("ok"));
    assertFalse(result.isDone(), "waits for the clock");
    clock.runAll();
    assertEquals("ok", result.join());
    assertEquals(4, calls.get());
    assertEquals(
        List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)),
        clock.delays);
  }

  @Test
  void otherFailuresEndAtOnce() {
    ManualScheduler clock = new ManualScheduler();
    Retrier retrier = new Retrier(POLICY, clock, constant(0));
    AtomicInteger calls = new AtomicInteger();
    L1Exception rejected = L1Exception.rpcError("eth_sendRawTransaction", -32000, "nonce too low");
    CompletableFuture<String> result =
        retrier.run(
            "eth_sendRawTransaction",
            () -> {
              calls.incrementAndGet();
              return CompletableFuture.failedFuture(rejected);
            });
    CompletionException e = assertThrows(CompletionException.class, result::join);
    assertSame(rejected, e.getCause());
    assertEquals(L1Exception.Kind.CRITICAL, rejected.kind());
    assertEquals(1, calls.get());
    assertTrue(clock.delays.isEmpty());
  }

  @Test
  void givesUpAfterTheLastAttemptWithATemporaryError() {
    ManualScheduler clock = new ManualScheduler();
    Retrier retrier = new Retrier(POLICY, clock, new SplittableRandom(3));
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<String> result =
        retrier.run(
            "eth_blockNumber",
            () -> {
              calls.incrementAndGet();
              return CompletableFuture.failedFuture(
                  L1Exception.rpcError("eth_blockNumber", -32005, "limit exceeded"));
            });
    clock.runAll();
    L1Exception e = L1Exception.of(assertThrows(CompletionException.class, result::join));
    assertEquals(L1Exception.Kind.TEMPORARY, e.kind());
    assertTrue(e.getMessage().contains("still failing after 6 attempts"), e.getMessage());
    assertEquals(6, calls.get());
    assertEquals(5, clock.delays.size());
  }

  @Test
  void rpcErrorsAreClassified() {
    assertEquals(
        L1Exception.Kind.TEMPORARY, L1Exception.rpcError("m", -32005, "limit exceeded").kind());
    assertEquals(
        L1Exception.Kind.TEMPORARY, L1Exception.rpcError("m", 429, "Too Many Requests").kind());
    assertEquals(
        L1Exception.Kind.NOT_FOUND, L1Exception.rpcError("m", -32000, "header not found").kind());
    assertEquals(
        L1Exception.Kind.CRITICAL, L1Exception.rpcError("m", -32601, "method not found").kind());
    L1Exception e = L1Exception.rpcError("eth_call", 3, "execution reverted");
    assertEquals(3, e.rpcCode().getAsInt());
    assertEquals("execution reverted", e.rpcMessage().orElseThrow());
  }
}
