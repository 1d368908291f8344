package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.primitives.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Block-building order: nonce order per sender, effective tip across senders, then arrival. */
class BestTransactionsTest {
  private final Harness h = new Harness();
  private static final UInt256 BASE = UInt256.valueOf(Harness.BASE_FEE);

  private record Step(Address sender, long nonce) {}

  private static Step step(int key, long nonce) {
    return new Step(Keys.address(key), nonce);
  }

  private static List<Step> drain(BestTransactions best) {
    List<Step> out = new ArrayList<>();
    Optional<PooledTransaction> next;
    while ((next = best.next()).isPresent()) {
      out.add(new Step(next.get().sender(), next.get().nonce()));
    }
    return out;
  }

  @Test
  void nonceOrderWithinASenderTipOrderAcrossSenders() {
    h.accept(Tx.dynamic(1).nonce(0).tip(10));
    h.accept(Tx.dynamic(1).nonce(1).tip(500)); // rich, but only after nonce 0
    h.accept(Tx.dynamic(2).nonce(0).tip(300));
    h.accept(Tx.dynamic(3).nonce(0).tip(50));
    h.accept(Tx.dynamic(3).nonce(1).tip(40));
    assertEquals(
        List.of(step(2, 0), step(3, 0), step(3, 1), step(1, 0), step(1, 1)),
        drain(h.pool.bestTransactions(BASE)));
  }

  @Test
  void effectiveTipIsCappedByFeeCapMinusBaseFee() {
    h.accept(Tx.dynamic(1).price(500, 1_200)); // pays 200 at base fee 1000
    h.accept(Tx.dynamic(2).price(300, 5_000)); // pays 300
    assertEquals(List.of(step(2, 0), step(1, 0)), drain(h.pool.bestTransactions(BASE)));
    // at base fee 500 the first pays its full 500 tip
    assertEquals(
        List.of(step(1, 0), step(2, 0)), drain(h.pool.bestTransactions(UInt256.valueOf(500))));
  }

  @Test
  void equalTipsGoInArrivalOrder() {
    h.accept(Tx.dynamic(3).tip(100));
    h.accept(Tx.dynamic(1).tip(100));
    h.accept(Tx.dynamic(2).tip(100));
    assertEquals(List.of(step(3, 0), step(1, 0), step(2, 0)), drain(h.pool.bestTransactions(BASE)));
  }

  @Test
  void skippedSenderYieldsNoMore() {
    h.accept(Tx.dynamic(1).nonce(0).tip(300));
    h.accept(Tx.dynamic(1).nonce(1).tip(300));
    h.accept(Tx.dynamic(2).nonce(0).tip(100));
    BestTransactions best = h.pool.bestTransactions(BASE);
    PooledTransaction first = best.next().orElseThrow();
    assertEquals(Keys.address(1), first.sender());
    best.skipSender(first.sender()); // say it did not fit
    assertEquals(List.of(step(2, 0)), drain(best));
  }

  @Test
  void senderRunStopsAtATransactionThatCannotPay() {
    h.accept(Tx.dynamic(1).nonce(0).price(100, 2_000));
    h.accept(Tx.dynamic(1).nonce(1).price(100, 900)); // fee cap below the base fee
    h.accept(Tx.dynamic(1).nonce(2).price(100, 2_000));
    assertEquals(List.of(step(1, 0)), drain(h.pool.bestTransactions(BASE)));
  }

  @Test
  void minimumTipFiltersAndStopsTheRun() {
    h.accept(Tx.dynamic(1).nonce(0).tip(5));
    h.accept(Tx.dynamic(1).nonce(1).tip(100));
    h.accept(Tx.dynamic(2).nonce(0).tip(50));
    assertEquals(List.of(step(2, 0)), drain(h.pool.bestTransactions(BASE, UInt256.valueOf(10))));
  }

  @Test
  void queuedTransactionsAreNotOffered() {
    h.accept(Tx.dynamic(1).nonce(1).tip(1_000));
    assertEquals(List.of(), drain(h.pool.bestTransactions(BASE)));
  }

  @Test
  void snapshotIsUnaffectedByLaterAdmissions() {
    h.accept(Tx.dynamic(1).tip(100));
    BestTransactions best = h.pool.bestTransactions(BASE);
    h.accept(Tx.dynamic(2).tip(900));
    assertEquals(List.of(step(1, 0)), drain(best));
  }
}
