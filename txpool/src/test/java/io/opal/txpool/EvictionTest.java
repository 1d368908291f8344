package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * A full pool (6 slots here: 4 pending + 2 queued) takes a remote transaction only by evicting
 * strictly cheaper remote ones; paying transactions never make room for non-paying ones.
 */
class EvictionTest {
  private final Harness h = new Harness(PoolConfig.defaults(Tx.CHAIN_ID).withLimits(4, 4, 64, 2));

  /** Senders 1..6 each pool one transfer with tip 10 × sender (base fee 1000, fee cap 2000). */
  private List<SignedTransaction> fill() {
    List<SignedTransaction> txs = new ArrayList<>();
    for (int k = 1; k <= 6; k++) {
      SignedTransaction tx = Tx.dynamic(k).tip(10L * k).sign();
      h.add(tx).orElseThrow();
      txs.add(tx);
    }
    assertEquals(6, h.pool.slots());
    return txs;
  }

  private PoolError rejection(Tx tx) {
    return Harness.rejectionOf(h.add(tx)).error();
  }

  @Test
  void newTransactionEvictsTheCheapest() {
    List<SignedTransaction> txs = fill();
    h.accept(Tx.dynamic(7).tip(35));
    assertFalse(h.pool.contains(txs.get(0).hash()));
    for (int i = 1; i < 6; i++) {
      assertTrue(h.pool.contains(txs.get(i).hash()));
    }
    // the cheapest is now tip 20: equal is not enough, nor less
    AddResult.Rejected r = Harness.rejectionOf(h.add(Tx.dynamic(8).tip(20)));
    assertEquals(PoolError.UNDERPRICED, r.error());
    assertEquals("transaction underpriced", r.message());
    assertEquals(PoolError.UNDERPRICED, rejection(Tx.dynamic(8).tip(5)));
    assertEquals(6, h.pool.slots());
  }

  @Test
  void effectiveTipAtTheBaseFeeDecidesNotTheTipCap() {
    fill();
    // tip cap 900 but fee cap 1015: pays only 15 above the base fee of 1000
    h.accept(Tx.dynamic(7).price(900, 1_015));
    assertEquals(PoolError.UNDERPRICED, rejection(Tx.dynamic(8).price(900, 1_015)));
    h.accept(Tx.dynamic(8).price(900, 1_016));
  }

  @Test
  void nonPayingSpamNeverEvictsPayingTransactions() {
    List<SignedTransaction> paying = fill();
    // fee cap below the base fee: however high the tip cap, it pays nothing in the next block
    for (int k = 10; k < 40; k++) {
      assertEquals(PoolError.UNDERPRICED, rejection(Tx.dynamic(k).price(999, 999)));
    }
    for (SignedTransaction tx : paying) {
      assertTrue(h.pool.contains(tx.hash()));
    }
  }

  @Test
  void futureTransactionsCannotPushOutExecutableOnes() {
    List<SignedTransaction> paying = fill();
    for (int k = 10; k < 20; k++) {
      AddResult.Rejected r = Harness.rejectionOf(h.add(Tx.dynamic(k).nonce(5).tip(1_000)));
      assertEquals(PoolError.FUTURE_REPLACE_PENDING, r.error());
      assertEquals("future transaction tries to replace pending", r.message());
    }
    for (SignedTransaction tx : paying) {
      assertTrue(h.pool.contains(tx.hash()));
    }
  }

  @Test
  void futureTransactionMayPushOutCheaperQueuedOnes() {
    for (int k = 1; k <= 4; k++) {
      h.accept(Tx.dynamic(k).tip(100));
    }
    SignedTransaction cheapQueued = Tx.dynamic(5).nonce(3).tip(10).sign();
    h.add(cheapQueued).orElseThrow();
    h.accept(Tx.dynamic(6).nonce(3).tip(20));
    assertEquals(TxStatus.QUEUED, h.accept(Tx.dynamic(7).nonce(3).tip(50)).status());
    assertFalse(h.pool.contains(cheapQueued.hash()));
  }

  @Test
  void evictingAPendingTransactionQueuesItsSuccessors() {
    Harness roomy = new Harness(PoolConfig.defaults(Tx.CHAIN_ID).withLimits(4, 4, 64, 2));
    roomy.accept(Tx.dynamic(1).nonce(0).tip(500));
    roomy.accept(Tx.dynamic(1).nonce(1).tip(10));
    roomy.accept(Tx.dynamic(1).nonce(2).tip(500));
    for (int k = 2; k <= 4; k++) {
      roomy.accept(Tx.dynamic(k).tip(300));
    }
    roomy.accept(Tx.dynamic(9).tip(100));
    var a1 = Keys.address(1);
    assertEquals(Set.of(0L), roomy.pool.content().pending().get(a1).keySet());
    assertEquals(Set.of(2L), roomy.pool.content().queued().get(a1).keySet());
  }

  @Test
  void largeTransactionMustOutbidEverythingItDisplaces() {
    fill();
    // 2 slots: it would have to evict tips 10 and 20; paying 15 outbids only the first
    Tx big = Tx.dynamic(7).tip(15).gas(1_000_000).data(Bytes.wrap(new byte[40_000]));
    AddResult.Rejected r = Harness.rejectionOf(h.add(big));
    assertEquals(PoolError.TXPOOL_FULL, r.error());
    assertEquals("txpool is full", r.message());
    assertEquals(6, h.pool.slots()); // nothing evicted for a failed admission
    h.accept(Tx.dynamic(7).tip(25).gas(1_000_000).data(Bytes.wrap(new byte[40_000])));
    assertEquals(6, h.pool.slots());
  }

  @Test
  void localTransactionsAreNeverEvictedAndEvictRemotes() {
    List<SignedTransaction> locals = new ArrayList<>();
    for (int k = 1; k <= 6; k++) {
      SignedTransaction tx = Tx.dynamic(k).tip(1).sign();
      h.addLocal(tx).orElseThrow();
      locals.add(tx);
    }
    // full of cheap locals: a remote paying far more finds nothing to evict
    assertEquals(PoolError.TXPOOL_FULL, rejection(Tx.dynamic(7).tip(1_000)));
    locals.forEach(tx -> assertTrue(h.pool.contains(tx.hash())));
    // locals beyond the capacity are refused once locals alone fill it
    assertEquals(
        PoolError.TXPOOL_FULL,
        Harness.rejectionOf(h.addLocal(Tx.dynamic(8).tip(1).sign())).error());
  }

  @Test
  void localTransactionPushesOutRemotesWhateverItPays() {
    List<SignedTransaction> remotes = fill();
    h.addLocal(Tx.dynamic(7).tip(1).sign()).orElseThrow();
    assertFalse(h.pool.contains(remotes.get(0).hash()));
    assertEquals(6, h.pool.slots());
  }

  @Test
  void noLocalsTreatsEverythingAsRemote() {
    Harness plain =
        new Harness(PoolConfig.defaults(Tx.CHAIN_ID).withLimits(4, 4, 64, 2).withNoLocals(true));
    for (int k = 1; k <= 6; k++) {
      plain.addLocal(Tx.dynamic(k).tip(10L * k).sign()).orElseThrow();
    }
    AddResult.Accepted a = plain.accept(Tx.dynamic(7).tip(35));
    assertEquals(TxOrigin.REMOTE, a.transaction().origin());
    assertEquals(6, plain.pool.slots());
  }
}
