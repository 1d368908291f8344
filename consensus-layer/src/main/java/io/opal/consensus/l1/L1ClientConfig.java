package io.opal.consensus.l1;

import java.time.Duration;

/**
 * Settings of a {@link JsonRpcL1Client}.
 *
 * @param requestTimeout per attempt, from sending the request to the last byte of the response
 * @param retry what to do on temporary failures
 * @param headerCacheSize headers kept by hash
 * @param blockCacheSize blocks (with transactions) kept by hash
 * @param receiptsCacheSize blocks' receipt lists kept by block hash
 * @param useBlockReceipts try {@code eth_getBlockReceipts} first (falls back to one request per
 *     transaction, for good, the first time the node says it lacks the method)
 */
public record L1ClientConfig(
    Duration requestTimeout,
    RetryPolicy retry,
    int headerCacheSize,
    int blockCacheSize,
    int receiptsCacheSize,
    boolean useBlockReceipts) {

  public static final L1ClientConfig DEFAULT =
      new L1ClientConfig(Duration.ofSeconds(10), RetryPolicy.DEFAULT, 1024, 64, 64, true);

  public L1ClientConfig {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (headerCacheSize < 0 || blockCacheSize < 0 || receiptsCacheSize < 0) {
      throw new IllegalArgumentException("cache sizes must not be negative");
    }
  }

  public L1ClientConfig withRetry(RetryPolicy policy) {
    return new L1ClientConfig(
        requestTimeout,
        policy,
        headerCacheSize,
        blockCacheSize,
        receiptsCacheSize,
        useBlockReceipts);
  }

  public L1ClientConfig withRequestTimeout(Duration timeout) {
    return new L1ClientConfig(
        timeout, retry, headerCacheSize, blockCacheSize, receiptsCacheSize, useBlockReceipts);
  }

  public L1ClientConfig withBlockReceipts(boolean use) {
    return new L1ClientConfig(
        requestTimeout, retry, headerCacheSize, blockCacheSize, receiptsCacheSize, use);
  }
}
