package io.opal.txpool;

import io.opal.primitives.Address;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The executable transactions in the order a block builder takes them: each sender's in nonce
 * order, and across senders the highest effective tip at the block's base fee first, ties to the
 * earlier arrival. A snapshot of the pool when it was made; not thread-safe (one builder uses it).
 *
 * <p>A sender's run stops at its first transaction whose fee cap is below the base fee or whose tip
 * is below the builder's minimum: its later nonces could not execute without it. The builder calls
 * {@link #skipSender} when a transaction failed or did not fit, for the same reason.
 */
public final class BestTransactions {
  private final UInt256 baseFee;
  private final UInt256 minTip;
  private final PriorityQueue<Head> heads;
  private final Set<Address> skipped = new HashSet<>();

  /** The next candidate of one sender. */
  private record Head(List<PooledTransaction> run, int index, UInt256 tip) {
    PooledTransaction tx() {
      return run.get(index);
    }
  }

  /**
   * @param runs each sender's pending transactions in nonce order
   */
  BestTransactions(List<List<PooledTransaction>> runs, UInt256 baseFee, UInt256 minTip) {
    this.baseFee = baseFee;
    this.minTip = minTip;
    this.heads =
        new PriorityQueue<>(
            Math.max(1, runs.size()),
            (a, b) -> {
              int c = b.tip.compareTo(a.tip);
              return c != 0 ? c : Long.compare(a.tx().arrivalSeq(), b.tx().arrivalSeq());
            });
    for (List<PooledTransaction> run : runs) {
      offer(run, 0);
    }
  }

  private void offer(List<PooledTransaction> run, int index) {
    if (index >= run.size()) {
      return;
    }
    Optional<UInt256> tip = run.get(index).transaction().effectiveTip(baseFee);
    if (tip.isPresent() && tip.get().compareTo(minTip) >= 0) {
      heads.add(new Head(run, index, tip.get()));
    }
  }

  /** The next transaction to try, or empty when none is left. */
  public Optional<PooledTransaction> next() {
    while (!heads.isEmpty()) {
      Head h = heads.poll();
      PooledTransaction tx = h.tx();
      if (skipped.contains(tx.sender())) {
        continue;
      }
      offer(h.run, h.index + 1);
      return Optional.of(tx);
    }
    return Optional.empty();
  }

  /**
   * Yields nothing more from {@code sender}: its last transaction failed or did not fit, so its
   * later nonces cannot execute in this block.
   */
  public void skipSender(Address sender) {
    skipped.add(sender);
  }
}
