package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Unsafe-chain reorgs: transactions of dropped blocks come back unless the new chain has them. */
class ReorgTest {
  private final Harness h = new Harness();
  private final Address a1 = Keys.address(1);
  private final Address a2 = Keys.address(2);

  @Test
  void transactionsOfDroppedBlocksAreReinjected() {
    SignedTransaction t0 = Tx.dynamic(1).nonce(0).sign();
    SignedTransaction t1 = Tx.dynamic(1).nonce(1).sign();
    SignedTransaction u0 = Tx.dynamic(2).nonce(0).sign();
    h.add(t0).orElseThrow();
    h.add(t1).orElseThrow();
    h.add(u0).orElseThrow();
    h.accept(Tx.dynamic(1).nonce(2)); // still pooled when the block is dropped
    FakeState before = h.state.copy();
    // block A includes t0, t1, u0
    h.newHead(h.state.copy().nonce(a1, 2).nonce(a2, 1));
    assertEquals(new PoolStatus(1, 0), h.pool.status());
    // reorg: A is dropped for a block that carries only u0
    h.newHead(before.copy().nonce(a2, 1), List.of(t0, t1, u0), List.of(u0));
    assertTrue(h.pool.contains(t0.hash()));
    assertTrue(h.pool.contains(t1.hash()));
    assertFalse(h.pool.contains(u0.hash()));
    assertEquals(Set.of(0L, 1L, 2L), h.pool.content().pending().get(a1).keySet());
    assertEquals(new PoolStatus(3, 0), h.pool.status());
  }

  @Test
  void reinjectionSkipsDepositsAndTransactionsTheNewStateInvalidates() {
    SignedTransaction t0 = Tx.dynamic(1).nonce(0).sign();
    Transaction deposit =
        new DepositTransaction(
            Hash.keccak(new byte[] {7}),
            a2,
            Optional.of(a1),
            UInt256.ZERO,
            UInt256.ZERO,
            50_000,
            false,
            Bytes.EMPTY);
    h.newHead(h.state.copy().nonce(a1, 1));
    // the new chain has another transaction with nonce 0 from a1: t0 is stale
    h.newHead(h.state.copy().nonce(a1, 1), List.of(deposit, t0), List.of());
    assertFalse(h.pool.contains(t0.hash()));
    assertEquals(new PoolStatus(0, 0), h.pool.status());
  }

  @Test
  void reinjectedTransactionsAreAnnouncedAsPending() throws Exception {
    var seen = new java.util.concurrent.LinkedBlockingQueue<NewPendingTransaction>();
    try (PoolSubscription sub = h.pool.subscribeNewPending(seen::add, 16)) {
      SignedTransaction t0 = Tx.dynamic(1).nonce(0).sign();
      h.newHead(h.state.copy(), List.of(t0), List.of());
      NewPendingTransaction e = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(t0.hash(), e.hash());
      assertEquals(a1, e.sender());
      assertEquals(0, sub.dropped());
    }
  }
}
