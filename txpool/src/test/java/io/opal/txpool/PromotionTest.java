package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Nonce gaps, promotion to pending, and what a new head does to both sets. */
class PromotionTest {
  private final Harness h = new Harness();
  private final Address a1 = Keys.address(1);

  private Set<Long> pendingNonces(Address a) {
    var m = h.pool.content().pending().get(a);
    return m == null ? Set.of() : m.keySet();
  }

  private Set<Long> queuedNonces(Address a) {
    var m = h.pool.content().queued().get(a);
    return m == null ? Set.of() : m.keySet();
  }

  @Test
  void gapIsQueuedAndFillingItPromotesTheRun() {
    assertEquals(TxStatus.QUEUED, h.accept(Tx.dynamic(1).nonce(2)).status());
    assertEquals(TxStatus.QUEUED, h.accept(Tx.dynamic(1).nonce(1)).status());
    assertEquals(new PoolStatus(0, 2), h.pool.status());
    assertEquals(0, h.pool.pendingNonce(a1));
    assertEquals(TxStatus.PENDING, h.accept(Tx.dynamic(1).nonce(0)).status());
    assertEquals(new PoolStatus(3, 0), h.pool.status());
    assertEquals(Set.of(0L, 1L, 2L), pendingNonces(a1));
    assertEquals(3, h.pool.pendingNonce(a1));
  }

  @Test
  void newHeadDropsIncludedTransactions() {
    for (int n = 0; n < 3; n++) {
      h.accept(Tx.dynamic(1).nonce(n));
    }
    h.newHead(h.state.copy().nonce(a1, 2));
    assertEquals(Set.of(2L), pendingNonces(a1));
    assertEquals(new PoolStatus(1, 0), h.pool.status());
    h.newHead(h.state.copy().nonce(a1, 3));
    assertEquals(new PoolStatus(0, 0), h.pool.status());
    assertEquals(0, h.pool.slots());
  }

  @Test
  void newHeadPromotesQueuedTransactionsWhoseGapTheChainFilled() {
    h.accept(Tx.dynamic(1).nonce(1));
    h.accept(Tx.dynamic(1).nonce(2));
    // nonce 0 arrived through another node and was included
    h.newHead(h.state.copy().nonce(a1, 1));
    assertEquals(Set.of(1L, 2L), pendingNonces(a1));
  }

  @Test
  void balanceDropDemotesTheUnaffordableAndEverythingBehindIt() {
    h.state.fund(a1, UInt256.valueOf(300_000_000));
    for (int n = 0; n < 4; n++) {
      h.accept(Tx.dynamic(1).nonce(n).value(UInt256.valueOf(n == 1 ? 50_000_000 : 0)));
    }
    assertEquals(Set.of(0L, 1L, 2L, 3L), pendingNonces(a1));
    // the balance covers a 42M transfer, not nonce 1's 50M value + 42M gas (geth checks each alone)
    h.newHead(h.state.copy().fund(a1, UInt256.valueOf(60_000_000)));
    assertEquals(Set.of(0L), pendingNonces(a1));
    assertEquals(Set.of(2L, 3L), queuedNonces(a1));
    // funds arrive; a new nonce 1 fills the gap and the run is back
    h.newHead(h.state.copy().fund(a1, Harness.ONE_ETH));
    assertEquals(Set.of(2L, 3L), queuedNonces(a1));
    h.accept(Tx.dynamic(1).nonce(1));
    assertEquals(Set.of(0L, 1L, 2L, 3L), pendingNonces(a1));
  }

  @Test
  void gasLimitDropDemotesTransactionsThatNoLongerFit() {
    h.accept(Tx.dynamic(1).nonce(0));
    h.accept(Tx.dynamic(1).nonce(1).gas(25_000_000));
    h.accept(Tx.dynamic(1).nonce(2));
    HeadContext smaller =
        new HeadContext(
            2, h.head.hash(), 1_002, 20_000_000, h.head.baseFee(), h.head.fork(), h.head.l1Cost());
    h.pool.onNewHead(smaller, h.state);
    assertEquals(Set.of(0L), pendingNonces(a1));
    assertEquals(Set.of(2L), queuedNonces(a1));
  }

  @Test
  void stateNonceMovingBackDemotesTheWholeRun() {
    h.state.nonce(a1, 5);
    h.accept(Tx.dynamic(1).nonce(5));
    h.accept(Tx.dynamic(1).nonce(6));
    h.newHead(h.state.copy().nonce(a1, 4));
    assertEquals(Set.of(), pendingNonces(a1));
    assertEquals(Set.of(5L, 6L), queuedNonces(a1));
    assertEquals(4, h.pool.pendingNonce(a1));
  }

  @Test
  void pendingAboveTheGlobalLimitIsTrimmedFromTheLargestSendersTop() {
    Harness small = new Harness(PoolConfig.defaults(Tx.CHAIN_ID).withLimits(1, 2, 64, 10));
    small.accept(Tx.dynamic(1).nonce(0));
    small.accept(Tx.dynamic(1).nonce(1));
    // 3 pending > 2 global slots: the sender above its 1 account slot loses its highest nonce
    assertEquals(
        PoolError.TXPOOL_FULL, Harness.rejectionOf(small.add(Tx.dynamic(1).nonce(2))).error());
    assertEquals(Set.of(0L, 1L), small.pool.content().pending().get(Keys.address(1)).keySet());
    // a sender within its account slots is not trimmed
    assertEquals(TxStatus.PENDING, small.accept(Tx.dynamic(2).nonce(0)).status());
    assertEquals(Set.of(0L), small.pool.content().pending().get(Keys.address(1)).keySet());
  }

  @Test
  void statusOfAndGetFollowTheTransaction() {
    var queued = h.accept(Tx.dynamic(1).nonce(1)).transaction();
    assertEquals(Optional.of(TxStatus.QUEUED), h.pool.statusOf(queued.hash()));
    h.accept(Tx.dynamic(1).nonce(0));
    assertEquals(Optional.of(TxStatus.PENDING), h.pool.statusOf(queued.hash()));
    assertEquals(queued, h.pool.get(queued.hash()).orElseThrow());
    h.newHead(h.state.copy().nonce(a1, 2));
    assertEquals(Optional.empty(), h.pool.statusOf(queued.hash()));
    assertFalse(h.pool.get(queued.hash()).isPresent());
  }

  @Test
  void perAccountQueueIsCapped() {
    Harness small =
        new Harness(
            PoolConfig.defaults(Tx.CHAIN_ID).withLimits(16, 5120, 4, 1024).withMaxNonceGap(64));
    for (int n = 1; n <= 6; n++) {
      small.add(Tx.dynamic(1).nonce(n));
    }
    var queued = small.pool.content().queued().get(Keys.address(1));
    assertEquals(4, queued.size());
    assertTrue(queued.keySet().containsAll(List.of(1L, 2L, 3L, 4L)));
  }

  @Test
  void risingL1FeeOnANewHeadDropsWhatTheBalanceNoLongerCovers() {
    // the L1 fee is re-priced with every head: a sender who could pay may no longer
    h.state.fund(a1, UInt256.valueOf(42_000_000 * 2 + 1_000));
    h.accept(Tx.dynamic(1).nonce(0));
    h.accept(Tx.dynamic(1).nonce(1).value(UInt256.valueOf(1_000)));
    L1CostFunction dearer =
        (tx, envelope) -> UInt256.valueOf(tx.value().isZero() ? 10 : 42_000_001);
    HeadContext next =
        new HeadContext(
            2, h.head.hash(), 1_002, h.head.gasLimit(), h.head.baseFee(), h.head.fork(), dearer);
    h.pool.onNewHead(next, h.state);
    assertEquals(Set.of(0L), pendingNonces(a1));
    assertEquals(Set.of(), queuedNonces(a1));
    // and a new transaction's cost includes it
    AddResult.Rejected r = Harness.rejectionOf(h.add(Tx.dynamic(1).nonce(1).value(UInt256.ONE)));
    assertEquals(PoolError.INSUFFICIENT_FUNDS, r.error());
  }
}
