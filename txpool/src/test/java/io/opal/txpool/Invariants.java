package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import java.util.NavigableMap;

/** Test scaffolding: checks the pool's structure through its public introspection. */
final class Invariants {
  private Invariants() {}

  /**
   * Pending runs start at the state nonce without gaps, queued nonces lie beyond them, counts
   * match, and the slots stay within the capacity (the pool holds no locals here).
   */
  static void check(TransactionPool pool, PoolStateView state) {
    PoolContent c = pool.content();
    int pending = 0;
    int queued = 0;
    for (var e : c.pending().entrySet()) {
      Address sender = e.getKey();
      long expected = state.account(sender).nonce();
      for (var n : e.getValue().entrySet()) {
        assertEquals(expected, n.getKey(), "pending run of " + sender);
        assertEquals(sender, n.getValue().sender());
        expected++;
      }
      pending += e.getValue().size();
    }
    for (var e : c.queued().entrySet()) {
      NavigableMap<Long, PooledTransaction> p = c.pending().get(e.getKey());
      long next = p == null ? state.account(e.getKey()).nonce() : p.lastKey() + 1;
      assertTrue(e.getValue().firstKey() > next, "queued of " + e.getKey() + " must be gapped");
      queued += e.getValue().size();
    }
    assertEquals(new PoolStatus(pending, queued), pool.status());
    assertTrue(pool.slots() <= pool.config().capacity(), "slots " + pool.slots());
  }
}
