package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Denial-of-service floods: the pool's size stays within its limits, and paying executable
 * transactions survive nonce-gap floods, fee-bump spam and non-paying spam.
 */
class FloodTest {
  // 16 per account, 256 pending, 64 queued per account, 64 queued in all: 320 slots
  private final PoolConfig config = PoolConfig.defaults(Tx.CHAIN_ID).withLimits(16, 256, 64, 64);
  private final Harness h = new Harness(config);

  /** 16 senders × 12 executable transfers paying a 100 wei tip. */
  private List<SignedTransaction> payingBaseline() {
    List<SignedTransaction> paying = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      for (int n = 0; n < 12; n++) {
        SignedTransaction tx = Tx.dynamic(k).nonce(n).tip(100).sign();
        h.add(tx).orElseThrow();
        paying.add(tx);
      }
    }
    return paying;
  }

  private void fund(int fromKey, int toKey) {
    for (int k = fromKey; k < toKey; k++) {
      h.state.fund(Keys.address(k), Harness.ONE_ETH);
    }
  }

  private void assertWithinLimits() {
    Invariants.check(h.pool, h.state);
    PoolStatus s = h.pool.status();
    assertTrue(h.pool.slots() <= config.capacity(), "slots " + h.pool.slots());
    assertTrue(s.queued() <= config.globalQueue(), "queued " + s.queued());
  }

  @Test
  void nonceGapFloodStaysBoundedAndLeavesPendingAlone() {
    List<SignedTransaction> paying = payingBaseline();
    fund(100, 160);
    int rejected = 0;
    for (int k = 100; k < 160; k++) {
      for (int n = 1; n <= 40; n++) { // nonce 0 never comes: all gapped, and paying well
        if (!h.add(Tx.dynamic(k).nonce(n).tip(5_000).feeCap(50_000)).isAccepted()) {
          rejected++;
        }
      }
      assertWithinLimits();
    }
    assertTrue(rejected > 0);
    for (SignedTransaction tx : paying) {
      assertTrue(h.pool.contains(tx.hash()), "paying transaction evicted by a gapped flood");
    }
    assertEquals(paying.size(), h.pool.status().pending());
  }

  @Test
  void feeBumpSpamDoesNotGrowThePool() {
    payingBaseline();
    int slotsBefore = h.pool.slots();
    long tip = 100;
    long cap = 2_000;
    for (int i = 0; i < 200; i++) {
      tip = tip * 11 / 10 + 1;
      cap = cap * 11 / 10 + 1;
      h.accept(Tx.dynamic(0).nonce(i % 12).price(tip, cap));
      // under-bumped replacements are refused outright
      assertEquals(
          PoolError.REPLACE_UNDERPRICED,
          Harness.rejectionOf(h.add(Tx.dynamic(0).nonce(i % 12).price(tip, cap + 1))).error());
    }
    assertEquals(slotsBefore, h.pool.slots());
    assertWithinLimits();
  }

  @Test
  void nonPayingSpamCannotDisplacePayingTransactionsInAFullPool() {
    List<SignedTransaction> paying = payingBaseline();
    fund(100, 180);
    // fill the remaining room with executable paying transactions of fresh senders
    for (int k = 100; k < 120; k++) {
      for (int n = 0; n < 16 && h.pool.slots() < config.capacity(); n++) {
        h.accept(Tx.dynamic(k).nonce(n).tip(100));
      }
    }
    assertEquals(config.capacity(), h.pool.slots());
    int accepted = 0;
    for (int k = 120; k < 180; k++) {
      for (int n = 0; n < 5; n++) {
        // fee cap under the base fee: executable nonces, but they pay nothing
        if (h.add(Tx.dynamic(k).nonce(n).price(900, 999)).isAccepted()) {
          accepted++;
        }
      }
    }
    assertEquals(0, accepted);
    for (SignedTransaction tx : paying) {
      assertTrue(h.pool.contains(tx.hash()));
    }
    assertWithinLimits();
  }

  @Test
  void manySendersFloodingExecutableTransactionsAreTrimmedToTheLimits() {
    fund(100, 200);
    for (int k = 100; k < 200; k++) {
      for (int n = 0; n < 20; n++) {
        h.add(Tx.dynamic(k).nonce(n).tip(100 + k));
      }
      assertWithinLimits();
    }
    assertEquals(config.capacity(), h.pool.slots());
  }
}
