package io.opal.consensus.l1;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Repeats an asynchronous request while it fails with a {@link L1Exception.Kind#TEMPORARY} error,
 * waiting as the {@link RetryPolicy} says between attempts. Other errors end it at once.
 */
final class Retrier {
  private final RetryPolicy policy;
  private final TaskScheduler scheduler;
  private final RandomGenerator random;

  Retrier(RetryPolicy policy, TaskScheduler scheduler, RandomGenerator random) {
    this.policy = policy;
    this.scheduler = scheduler;
    this.random = random;
  }

  <T> CompletableFuture<T> run(String what, Supplier<CompletableFuture<T>> attempt) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(what, attempt, 1, result);
    return result;
  }

  private <T> void attempt(
      String what, Supplier<CompletableFuture<T>> request, int n, CompletableFuture<T> result) {
    CompletableFuture<T> future;
    try {
      future = request.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(L1Exception.of(e));
      return;
    }
    future.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
            return;
          }
          L1Exception e = L1Exception.of(error);
          if (!e.isTemporary()) {
            result.completeExceptionally(e);
          } else if (n >= policy.maxAttempts()) {
            result.completeExceptionally(
                n == 1
                    ? e
                    : new L1Exception(
                        L1Exception.Kind.TEMPORARY,
                        what + ": still failing after " + n + " attempts: " + e.getMessage(),
                        e));
          } else {
            Duration wait;
            synchronized (random) {
              wait = policy.delayBefore(n + 1, random);
            }
            scheduler.schedule(wait, () -> attempt(what, request, n + 1, result));
          }
        });
  }
}
