package io.opal.consensus.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.l1.L1Header;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.L2BlockRefs;
import io.opal.execution.engine.TransactionProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The next block's L1 reads made ahead of the seal: the build after a seal reads no L1, and a plan
 * read before an L1 reorg is never sealed.
 */
class SequencerLookaheadTest {
  private static final long LEAD = Sequencer.PREPARE_LEAD_MILLIS;

  /**
   * Right after {@link SequencerHarness#runBlocks} (whose last step sealed and moved the clock to
   * the wait it returned): the step that makes the next block's L1 reads; returns its wait.
   */
  private static long stepToPrepare(SequencerHarness h) {
    long wait = h.sequencer.step();
    assertEquals(LEAD, wait, "the reads start one lead before the seal");
    return wait;
  }

  @Test
  void theBuildAfterASealReadsNoL1() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      h.l1.add(12);
      h.runBlocks(2);
      h.clock.millis += stepToPrepare(h); // block 4's plan is read while block 3 fills
      h.l1.setDown(true);
      long wait = h.sequencer.step(); // seals block 3 and starts block 4 with L1 down
      assertEquals(3, h.sealed.size());
      assertEquals(2000 - LEAD, wait, "block 4 is building: no backoff");
      h.clock.millis += wait;
      assertEquals(LEAD, h.sequencer.step()); // block 5's reads fail: L1 is still down
      h.clock.millis += LEAD;
      long backoff = h.sequencer.step(); // seals block 4; block 5 needs L1 now
      assertEquals(4, h.sealed.size(), "block 4 was built and sealed while L1 was down");
      assertEquals(h.rollup.genesisTime() + 8, h.last().ref().timestamp());
      assertTrue(h.last().buildGapNanos() >= 0, "block 4 started right after block 3's seal");
      assertEquals(250, backoff, "without a plan the next start reads L1, and backs off");
      h.l1.setDown(false);
      h.runBlocks(4);
      for (int i = 0; i < h.sealed.size(); i++) {
        assertEquals(i + 1, h.sealed.get(i).ref().number(), "no block lost");
        assertEquals(h.rollup.genesisTime() + 2L * (i + 1), h.sealed.get(i).ref().timestamp());
      }
      // Blocks started right after a seal say how long that took; the others (first, retried) not.
      assertEquals(-1, h.sealed.getFirst().buildGapNanos());
      assertTrue(h.sealed.get(1).buildGapNanos() >= 0);
    }
  }

  @Test
  void aPlanReadBeforeAnL1ReorgOfItsOriginIsNotSealed() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      L1Header first = h.l1.add(12); // L1 #1 at L2 time +12: the origin of block 6
      h.runBlocks(4);
      long wait = stepToPrepare(h); // block 6's plan names #1
      h.l1.truncateAbove(0);
      L1Header replacement = h.l1.add(12, "fork", List.of());
      assertNotEquals(first.hash(), replacement.hash());
      List<L2BlockRef> resets = listenForResets(h);
      h.clock.millis += wait;
      h.runBlocks(2); // seals block 5, starts block 6 from the stale plan, then drops it
      SequencedBlock six = h.sealed.get(5);
      assertEquals(6, six.ref().number());
      assertEquals(replacement.hash(), six.ref().l1Origin().hash(), "built on the new #1");
      assertTrue(six.buildGapNanos() >= 0, "the rebuild still counts from block 5's seal");
      assertTrue(resets.isEmpty(), "block 5's origin #0 stayed canonical: nothing to rewind");
      assertAllOriginsCanonical(h);
    }
  }

  @Test
  void pastTheDriftAPlanMissingANewlyVisibleOriginIsNotSealed() {
    // L2 genesis 1800 s after L1's: every block is past the drift of origin #0, so a block must
    // adopt #1 as soon as #1 is not newer than it.
    try (SequencerHarness h = new SequencerHarness(1800, TransactionProvider.NONE)) {
      h.l1.add(1810); // #1 at L2 time +10
      h.runBlocks(1);
      long wait = stepToPrepare(h); // block 3 (time +6) keeps #0: #1 is newer
      h.l1.truncateAbove(0);
      L1Header earlier = h.l1.add(1805, "fork", List.of()); // #1' at +5: block 3 must adopt it
      h.clock.millis += wait;
      h.runBlocks(2);
      SequencedBlock two = h.sealed.get(1);
      SequencedBlock three = h.sealed.get(2);
      assertEquals(0, two.ref().l1Origin().number(), "block 2 (time +4) is older than #1'");
      assertEquals(earlier.hash(), three.ref().l1Origin().hash());
      assertEquals(0, three.ref().sequenceNumber());
      assertAllOriginsCanonical(h);
    }
  }

  @Test
  void anL1BlockSeenAfterThePlanDoesNotRebuild() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      h.runBlocks(4);
      long wait = stepToPrepare(h); // block 6 (time +12) keeps #0: L1 has nothing newer yet
      L1Header late = h.l1.add(12); // appears within the lead
      h.clock.millis += wait;
      h.runBlocks(3);
      assertEquals(0, h.sealed.get(5).ref().l1Origin().number(), "block 6 keeps its plan");
      assertTrue(h.sealed.get(5).buildGapNanos() >= 0);
      assertEquals(late.hash(), h.sealed.get(6).ref().l1Origin().hash(), "block 7 adopts it");
      assertAllOriginsCanonical(h);
    }
  }

  private static List<L2BlockRef> listenForResets(SequencerHarness h) {
    List<L2BlockRef> resets = new ArrayList<>();
    h.sequencer.addListener(
        new SequencerListener() {
          @Override
          public void onSealed(SequencedBlock block) {}

          @Override
          public void onReset(L2BlockRef from, L2BlockRef to) {
            resets.add(to);
          }
        });
    return resets;
  }

  private static void assertAllOriginsCanonical(SequencerHarness h) {
    long head = h.engine.heads().unsafe().number();
    assertFalse(head == 0);
    for (long n = 1; n <= head; n++) {
      L2BlockRef r = L2BlockRefs.of(h.engine.block(n).orElseThrow(), h.rollup);
      assertEquals(h.l1.at(r.l1Origin().number()).hash(), r.l1Origin().hash(), "block " + n);
      assertEquals(h.rollup.genesisTime() + 2 * n, r.timestamp());
    }
  }
}
