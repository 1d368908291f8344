package io.opal.txpool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The remote transactions ordered cheapest first at the current base fee: the eviction order when
 * the pool is full (geth's pricedList). Local transactions are never in it, so never evicted for
 * price.
 *
 * <p>Cheapness: a fee cap below the base fee (the transaction cannot pay for the next block) is
 * cheaper than any that can pay; then the effective tip, the fee cap and the tip cap decide; among
 * equals the higher nonce goes first (dropping it leaves no gap behind) and then the newer.
 */
final class PricedIndex {
  private UInt256 baseFee;
  private TreeSet<PoolEntry> entries;

  PricedIndex(UInt256 baseFee) {
    this.baseFee = baseFee;
    this.entries = new TreeSet<>(ORDER);
  }

  /** Price alone, cheapest first; 0 for equally priced transactions. */
  static int comparePrice(PoolEntry a, PoolEntry b) {
    if (a.underwater != b.underwater) {
      return a.underwater ? -1 : 1;
    }
    int c = a.priceKey.compareTo(b.priceKey);
    if (c != 0) {
      return c;
    }
    c = a.tx.maxFeePerGas().compareTo(b.tx.maxFeePerGas());
    return c != 0 ? c : a.tx.maxPriorityFeePerGas().compareTo(b.tx.maxPriorityFeePerGas());
  }

  private static final Comparator<PoolEntry> ORDER =
      (a, b) -> {
        int c = comparePrice(a, b);
        if (c != 0) {
          return c;
        }
        c = Long.compareUnsigned(b.nonce, a.nonce);
        return c != 0 ? c : Long.compare(b.seq(), a.seq());
      };

  /** Computes {@code e}'s price at the current base fee (for comparison or before adding). */
  void price(PoolEntry e) {
    UInt256 feeCap = e.tx.maxFeePerGas();
    e.underwater = feeCap.compareTo(baseFee) < 0;
    if (e.underwater) {
      e.priceKey = feeCap;
    } else {
      UInt256 headroom = feeCap.subtract(baseFee);
      UInt256 tip = e.tx.maxPriorityFeePerGas();
      e.priceKey = tip.compareTo(headroom) <= 0 ? tip : headroom;
    }
  }

  void add(PoolEntry e) {
    price(e);
    entries.add(e);
  }

  void remove(PoolEntry e) {
    entries.remove(e);
  }

  int size() {
    return entries.size();
  }

  /** Cheapest first. Do not modify the index while iterating. */
  Iterator<PoolEntry> cheapestFirst() {
    return entries.iterator();
  }

  /** Re-prices everything at a new base fee (geth re-heaps likewise on every new head). */
  void reprice(UInt256 newBaseFee) {
    this.baseFee = newBaseFee;
    List<PoolEntry> all = new ArrayList<>(entries);
    entries = new TreeSet<>(ORDER);
    for (PoolEntry e : all) {
      add(e);
    }
  }
}
