package io.opal.txpool;

import java.time.Duration;
import java.util.Objects;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Pool limits and prices, with geth's defaults ({@link #defaults}). Slot counts are in geth's
 * slots: one per started 32 KiB of envelope.
 *
 * @param chainId the chain transactions must be signed for
 * @param priceLimit the minimum tip (max priority fee, or gas price) in wei
 * @param priceBump percent by which both fee fields of a replacement must exceed the original's
 * @param accountSlots executable transactions an account keeps when the pool trims pending ones
 * @param globalSlots executable transactions the pool holds before trimming the largest accounts
 * @param accountQueue non-executable transactions an account may have queued
 * @param globalQueue non-executable transactions the pool holds before dropping the stalest
 * @param maxNonceGap how far beyond an account's next pending nonce a new nonce may be
 * @param maxTxSize the largest envelope accepted, in bytes
 * @param lifetime how long an account's queued transactions wait without progress before expiry
 * @param noLocals treat every transaction as remote (no eviction exemption, no journal)
 * @param rejournal how often the journal of local transactions is rewritten compactly
 */
public record PoolConfig(
    long chainId,
    UInt256 priceLimit,
    int priceBump,
    int accountSlots,
    int globalSlots,
    int accountQueue,
    int globalQueue,
    int maxNonceGap,
    int maxTxSize,
    Duration lifetime,
    boolean noLocals,
    Duration rejournal) {

  /** geth's txSlotSize: the unit in which transaction sizes are counted against the limits. */
  public static final int SLOT_SIZE = 32 * 1024;

  /** geth's txMaxSize: 4 slots. */
  public static final int MAX_TX_SIZE = 4 * SLOT_SIZE;

  public PoolConfig {
    Objects.requireNonNull(priceLimit);
    Objects.requireNonNull(lifetime);
    Objects.requireNonNull(rejournal);
    requirePositive("priceBump", priceBump);
    requirePositive("accountSlots", accountSlots);
    requirePositive("globalSlots", globalSlots);
    requirePositive("accountQueue", accountQueue);
    requirePositive("globalQueue", globalQueue);
    requirePositive("maxNonceGap", maxNonceGap);
    requirePositive("maxTxSize", maxTxSize);
    if (lifetime.isNegative()
        || lifetime.isZero()
        || rejournal.isNegative()
        || rejournal.isZero()) {
      throw new IllegalArgumentException("lifetime and rejournal must be positive");
    }
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }

  /**
   * geth's defaults: price limit 1 wei, 10% bump, 16 account slots, 5120 global slots, 64 queued
   * per account, 1024 queued in all, 3 h lifetime, hourly rejournal; a nonce may run 64 ahead.
   */
  public static PoolConfig defaults(long chainId) {
    return new PoolConfig(
        chainId,
        UInt256.ONE,
        10,
        16,
        4096 + 1024,
        64,
        1024,
        64,
        MAX_TX_SIZE,
        Duration.ofHours(3),
        false,
        Duration.ofHours(1));
  }

  /** Slots all transactions together may take: pending and queued capacity. */
  public int capacity() {
    return globalSlots + globalQueue;
  }

  /** The slots an envelope of {@code size} bytes takes. */
  public static int slotsOf(int size) {
    return (size + SLOT_SIZE - 1) / SLOT_SIZE;
  }

  public PoolConfig withPriceLimit(UInt256 value) {
    return new PoolConfig(
        chainId,
        value,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        maxNonceGap,
        maxTxSize,
        lifetime,
        noLocals,
        rejournal);
  }

  public PoolConfig withPriceBump(int value) {
    return new PoolConfig(
        chainId,
        priceLimit,
        value,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        maxNonceGap,
        maxTxSize,
        lifetime,
        noLocals,
        rejournal);
  }

  /** Per-account and global slot limits in one go. */
  public PoolConfig withLimits(
      int accountSlots, int globalSlots, int accountQueue, int globalQueue) {
    return new PoolConfig(
        chainId,
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        maxNonceGap,
        maxTxSize,
        lifetime,
        noLocals,
        rejournal);
  }

  public PoolConfig withMaxNonceGap(int value) {
    return new PoolConfig(
        chainId,
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        value,
        maxTxSize,
        lifetime,
        noLocals,
        rejournal);
  }

  public PoolConfig withLifetime(Duration value) {
    return new PoolConfig(
        chainId,
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        maxNonceGap,
        maxTxSize,
        value,
        noLocals,
        rejournal);
  }

  public PoolConfig withNoLocals(boolean value) {
    return new PoolConfig(
        chainId,
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        maxNonceGap,
        maxTxSize,
        lifetime,
        value,
        rejournal);
  }

  public PoolConfig withRejournal(Duration value) {
    return new PoolConfig(
        chainId,
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        maxNonceGap,
        maxTxSize,
        lifetime,
        noLocals,
        value);
  }
}
