package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Reorg detection on an in-memory chain rewritten between steps. */
class L1HeadTrackerTest {

  private static L1HeadTracker.Step step(L1HeadTracker t) {
    return t.step().join();
  }

  @Test
  void followsTheChainOneBlockAtATime() {
    FakeChain chain = new FakeChain();
    List<L1BlockRef> blocks = chain.extend(1, 3, "a");
    L1HeadTracker t = new L1HeadTracker(chain, chain.at(0), 10);
    for (L1BlockRef b : blocks) {
      assertEquals(new L1HeadTracker.Step.Advanced(b), step(t));
    }
    assertEquals(new L1HeadTracker.Step.UpToDate(blocks.get(2)), step(t));
    assertEquals(blocks.get(2), t.head());
  }

  @Test
  void longerNewBranchIsAReorgToTheCommonAncestor() {
    FakeChain chain = new FakeChain();
    List<L1BlockRef> a = chain.extend(1, 4, "a");
    L1HeadTracker t = new L1HeadTracker(chain, chain.at(0), 10);
    a.forEach(b -> step(t));
    List<L1BlockRef> b = chain.extend(3, 3, "b"); // 3b, 4b, 5b replace 3a, 4a
    assertEquals(new L1HeadTracker.Step.Reorg(a.get(1), a.subList(2, 4), b), step(t));
    assertEquals(b.get(2), t.head());
    assertEquals(new L1HeadTracker.Step.UpToDate(b.get(2)), step(t));
  }

  @Test
  void replacedHeadWithNothingAfterIt() {
    FakeChain chain = new FakeChain();
    List<L1BlockRef> a = chain.extend(1, 3, "a");
    L1HeadTracker t = new L1HeadTracker(chain, chain.at(0), 10);
    a.forEach(b -> step(t));
    List<L1BlockRef> b = chain.extend(3, 1, "b");
    assertEquals(new L1HeadTracker.Step.Reorg(a.get(1), List.of(a.get(2)), b), step(t));
  }

  @Test
  void shorterChainRewindsToItsHead() {
    FakeChain chain = new FakeChain();
    List<L1BlockRef> a = chain.extend(1, 5, "a");
    L1HeadTracker t = new L1HeadTracker(chain, chain.at(0), 10);
    a.forEach(b -> step(t));
    chain.truncateAbove(3);
    assertEquals(new L1HeadTracker.Step.Reorg(a.get(2), a.subList(3, 5), List.of()), step(t));
    assertEquals(a.get(2), t.head());
    List<L1BlockRef> c = chain.extend(4, 1, "c");
    assertEquals(new L1HeadTracker.Step.Advanced(c.getFirst()), step(t));
  }

  @Test
  void reorgDeeperThanTheWindowFailsWithReorg() {
    FakeChain chain = new FakeChain();
    List<L1BlockRef> a = chain.extend(1, 6, "a");
    L1HeadTracker t = new L1HeadTracker(chain, chain.at(0), 2);
    a.forEach(b -> step(t));
    chain.extend(2, 6, "b"); // replaces 2a..6a; the tracker remembers only 4a..6a
    L1Exception e = L1Exception.of(assertThrows(CompletionException.class, () -> t.step().join()));
    assertEquals(L1Exception.Kind.REORG, e.kind());
    assertTrue(e.getMessage().contains("deeper than"), e.getMessage());
    // After a reset from a trusted block the tracker follows the new chain.
    t.reset(chain.at(7));
    assertEquals(new L1HeadTracker.Step.UpToDate(chain.at(7)), step(t));
  }

  @Test
  void oneStepAtATime() {
    FakeChain chain = new FakeChain();
    L1HeadTracker t =
        new L1HeadTracker(
            new FakeChain() {
              @Override
              public java.util.concurrent.CompletableFuture<L1Header> headerByNumber(long number) {
                return new java.util.concurrent.CompletableFuture<>(); // never answers
              }
            },
            chain.at(0),
            4);
    t.step();
    assertThrows(IllegalStateException.class, t::step);
  }
}
