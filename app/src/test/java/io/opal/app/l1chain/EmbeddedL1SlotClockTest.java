package io.opal.app.l1chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.block.BlockHeader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without automine the embedded L1 builds a block at each slot the wall clock reaches. */
class EmbeddedL1SlotClockTest {
  @TempDir Path dir;

  @Test
  void blocksFollowTheWallClockOnSlots() throws InterruptedException {
    try (EmbeddedL1 l1 = EmbeddedL1.start(EmbeddedL1.Config.defaults(dir).withSlotSeconds(1))) {
      long deadline = System.currentTimeMillis() + 10_000;
      while (l1.chain().head().number() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      BlockHeader head = l1.chain().head();
      assertTrue(head.number() >= 2, "head #" + head.number());
      long genesis = l1.chain().genesis().timestamp();
      assertEquals(0, (head.timestamp() - genesis) % 1);
      // The first block jumped over the 64 slots of head room to the wall clock's slot.
      assertTrue(head.timestamp() >= genesis + 64, "head time " + head.timestamp());
      assertTrue(head.timestamp() <= System.currentTimeMillis() / 1000);
      // safe trails the head by 2 blocks.
      var heads = l1.chain().db().heads().orElseThrow();
      assertEquals(Math.max(0, heads.unsafe().number() - 2), heads.safe().number());
    }
  }
}
