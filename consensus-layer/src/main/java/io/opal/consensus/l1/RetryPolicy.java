package io.opal.consensus.l1;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a temporary failure is retried: exponential backoff with jitter.
 * Attempt {@code n} (the first retry is attempt 2) waits {@code min(maxDelay, initialDelay ×
 * multiplier^(n-2))}, reduced by a random fraction of up to {@code jitter} of itself, so that many
 * clients failing together do not retry in lockstep.
 *
 * @param maxAttempts total attempts including the first; 1 disables retries
 * @param jitter in [0, 1]
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

  /** 6 attempts over about 8 seconds: 250 ms, 500 ms, 1 s, 2 s, 4 s (before jitter). */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(10), 2.0, 0.5);

  /** One attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
    }
  }

  /**
   * The wait before attempt {@code attempt} (2 for the first retry).
   *
   * @param random the source of jitter (injected so that tests are deterministic)
   */
  public Duration delayBefore(int attempt, RandomGenerator random) {
    if (attempt < 2) {
      return Duration.ZERO;
    }
    double base = initialDelay.toNanos() * Math.pow(multiplier, attempt - 2);
    double capped = Math.min(base, maxDelay.toNanos());
    double jittered = capped * (1.0 - jitter * random.nextDouble());
    return Duration.ofNanos((long) jittered);
  }
}
