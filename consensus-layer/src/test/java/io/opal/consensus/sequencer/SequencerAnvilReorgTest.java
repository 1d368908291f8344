package io.opal.consensus.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.L2BlockRefs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, faults: anvil reorganises the L1 blocks the unsafe L2 head was built on. The sequencer
 * notices, rewinds the unsafe head to a block whose origin is still canonical and goes on; no L2
 * block left on the chain names an L1 block that is not canonical, and it never halts.
 */
class SequencerAnvilReorgTest {
  @Test
  void anL1ReorgOfTheOriginRewindsTheUnsafeChain() throws Exception {
    try (AnvilRollup r = new AnvilRollup()) {
      List<L2BlockRef[]> resets = new CopyOnWriteArrayList<>();
      r.sequencer.addListener(
          new SequencerListener() {
            @Override
            public void onSealed(SequencedBlock block) {}

            @Override
            public void onReset(L2BlockRef from, L2BlockRef to) {
              resets.add(new L2BlockRef[] {from, to});
            }
          });
      // L1 slower than L2 (2 s): an L2 block advances its origin by one L1 block at most, so
      // with faster L1 blocks the origin would trail the L1 head further and further
      r.anvil.rpc("evm_setIntervalMining", 4);
      r.sequencer.start(r.driver);

      // until the unsafe head's origin is one of the newest L1 blocks
      L2BlockRef before = head(r);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (before.l1Origin().number() < r.deployment.startBlock().number() + 3
          || before.l1Origin().number() + 2 < r.l1.headNumber().join()) {
        assertTrue(
            System.nanoTime() < deadline,
            "the origin did not advance: "
                + before
                + " at L2 time "
                + before.timestamp()
                + "; L1 head "
                + r.l1.header(io.opal.consensus.l1.BlockTag.LATEST).join().ref()
                + " at "
                + r.l1.header(io.opal.consensus.l1.BlockTag.LATEST).join().timestamp()
                + "; now "
                + System.currentTimeMillis() / 1000);
        Thread.sleep(200);
        before = head(r);
      }
      long depth = r.l1.headNumber().join() - before.l1Origin().number() + 1;
      r.anvil.rpc("anvil_reorg", depth, List.of());
      assertFalse(
          r.l1
              .headerByNumber(before.l1Origin().number())
              .join()
              .hash()
              .equals(before.l1Origin().hash()),
          "anvil replaced the origin block");

      while (resets.isEmpty() || head(r).number() <= before.number()) {
        assertTrue(System.nanoTime() < deadline + 30_000_000_000L, "no reset after the reorg");
        assertTrue(r.sequencer.active(), "sequencer halted: " + r.sequencer.lastFailure());
        Thread.sleep(200);
      }
      r.sequencer.stop();
      L2BlockRef[] reset = resets.getFirst();
      assertTrue(reset[1].number() < before.number(), "rewound below the reorged head");

      // every L2 block on the chain now names a canonical L1 block
      L2BlockRef h = head(r);
      for (long n = 1; n <= h.number(); n++) {
        L2BlockRef b = L2BlockRefs.of(r.engine.block(n).orElseThrow(), r.rollup);
        assertEquals(
            r.l1.headerByNumber(b.l1Origin().number()).join().hash(),
            b.l1Origin().hash(),
            "L2 block #" + n + " names a non-canonical L1 origin");
      }
    }
  }

  private static L2BlockRef head(AnvilRollup r) {
    return L2BlockRefs.of(r.engine.block(r.engine.heads().unsafe().hash()).orElseThrow(), r.rollup);
  }
}
