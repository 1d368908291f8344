package io.opal.txpool;

/** Counts for {@code txpool_status}. */
public record PoolStatus(int pending, int queued) {}
