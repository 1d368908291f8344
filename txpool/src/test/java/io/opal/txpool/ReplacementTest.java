package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Same sender and nonce: both fee fields must rise by the price bump (10% by default). */
class ReplacementTest {
  private final Harness h = new Harness();

  private void assertUnderpriced(Tx tx) {
    AddResult.Rejected r = Harness.rejectionOf(h.add(tx));
    assertEquals(PoolError.REPLACE_UNDERPRICED, r.error());
    assertEquals("replacement transaction underpriced", r.message());
  }

  @Test
  void pendingReplacementNeedsTenPercentOnBothFields() {
    var original = h.accept(Tx.dynamic(1).price(100, 2_000)).transaction();
    assertUnderpriced(Tx.dynamic(1).price(109, 2_200)); // tip +9%
    assertUnderpriced(Tx.dynamic(1).price(110, 2_199)); // fee cap +9.95%
    assertUnderpriced(Tx.dynamic(1).price(100, 5_000)); // tip unchanged
    assertUnderpriced(Tx.dynamic(1).price(1_000, 2_000)); // fee cap unchanged
    AddResult.Accepted a = h.accept(Tx.dynamic(1).price(110, 2_200));
    assertEquals(TxStatus.PENDING, a.status());
    assertEquals(original, a.replaced().orElseThrow());
    assertFalse(h.pool.contains(original.hash()));
    assertEquals(1, h.pool.status().pending());
  }

  @Test
  void queuedReplacementFollowsTheSameRule() {
    h.accept(Tx.dynamic(1).nonce(3).price(100, 2_000));
    assertUnderpriced(Tx.dynamic(1).nonce(3).price(105, 2_100));
    AddResult.Accepted a = h.accept(Tx.dynamic(1).nonce(3).price(110, 2_200));
    assertEquals(TxStatus.QUEUED, a.status());
    assertTrue(a.replaced().isPresent());
    assertEquals(1, h.pool.status().queued());
  }

  @Test
  void legacyReplacementBumpsTheGasPrice() {
    h.accept(Tx.legacy(1).feeCap(1_000));
    assertUnderpriced(Tx.legacy(1).feeCap(1_099));
    assertEquals(TxStatus.PENDING, h.accept(Tx.legacy(1).feeCap(1_100)).status());
  }

  @Test
  void bumpIsConfigurable() {
    Harness strict = new Harness(PoolConfig.defaults(Tx.CHAIN_ID).withPriceBump(50));
    strict.accept(Tx.dynamic(1).price(100, 2_000));
    AddResult.Rejected r = Harness.rejectionOf(strict.add(Tx.dynamic(1).price(149, 3_000)));
    assertEquals(PoolError.REPLACE_UNDERPRICED, r.error());
    strict.accept(Tx.dynamic(1).price(150, 3_000));
  }

  @Test
  void tinyFeesStillNeedAStrictIncrease() {
    // 10% of 1 wei rounds to nothing; geth still demands more than before
    h.accept(Tx.dynamic(1).price(1, 2_000));
    assertUnderpriced(Tx.dynamic(1).price(1, 4_000));
    h.accept(Tx.dynamic(1).price(2, 4_000));
  }

  @Test
  void feeBumpSpamKeepsOneTransactionPerNonce() {
    long tip = 100;
    long cap = 2_000;
    for (int i = 0; i < 50; i++) {
      tip = tip * 11 / 10 + 1;
      cap = cap * 11 / 10 + 1;
      h.accept(Tx.dynamic(1).price(tip, cap));
    }
    assertEquals(1, h.pool.status().pending());
    assertEquals(1, h.pool.slots());
    assertEquals(
        UInt256.valueOf(tip),
        h.pool
            .content()
            .pending()
            .get(Keys.address(1))
            .get(0L)
            .transaction()
            .maxPriorityFeePerGas());
  }
}
