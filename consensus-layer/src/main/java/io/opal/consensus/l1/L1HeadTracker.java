package io.opal.consensus.l1;

import io.opal.primitives.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows the L1 chain one block at a time and notices when it was reorganised: each step asks for
 * the block after the last one seen and checks that it names that block as its parent. When it does
 * not (or the last block seen is no longer canonical), the tracker walks back by parent hash to the
 * newest block it saw that is still canonical and reports a {@link Step.Reorg}.
 *
 * <p>It remembers the last {@code maxReorgDepth} blocks; a reorg replacing more than that fails the
 * step with {@link L1Exception.Kind#REORG} (the caller resets from a trusted block with {@link
 * #reset}).
 *
 * <p><b>Concurrency:</b> one caller steps the tracker and waits for a step's future before the next
 * (a second concurrent {@link #step} fails with IllegalStateException).
 */
public final class L1HeadTracker {
  private final L1Client client;
  private final int maxReorgDepth;
  private final List<L1BlockRef> window = new ArrayList<>();
  private final AtomicBoolean stepping = new AtomicBoolean();

  /** What one {@link #step} found. */
  public sealed interface Step {
    /** The chain grew by one block, now the head. */
    record Advanced(L1BlockRef block) implements Step {}

    /** No block after the head yet, and the head is still canonical. */
    record UpToDate(L1BlockRef head) implements Step {}

    /**
     * The blocks after {@code commonAncestor} were replaced.
     *
     * @param oldBranch the blocks the tracker had seen after the ancestor, oldest first
     * @param newBranch the canonical blocks after the ancestor found so far, oldest first (the new
     *     head is the last, or the ancestor itself if the chain got shorter)
     */
    record Reorg(L1BlockRef commonAncestor, List<L1BlockRef> oldBranch, List<L1BlockRef> newBranch)
        implements Step {
      public Reorg {
        oldBranch = List.copyOf(oldBranch);
        newBranch = List.copyOf(newBranch);
      }
    }
  }

  /**
   * @param start a canonical block to follow from
   * @param maxReorgDepth blocks remembered, so the deepest reorg reported (at least 1)
   */
  public L1HeadTracker(L1Client client, L1BlockRef start, int maxReorgDepth) {
    if (maxReorgDepth < 1) {
      throw new IllegalArgumentException("maxReorgDepth must be at least 1");
    }
    this.client = client;
    this.maxReorgDepth = maxReorgDepth;
    window.add(start);
  }

  /** The newest block the tracker has accepted. */
  public synchronized L1BlockRef head() {
    return window.getLast();
  }

  /** Forgets everything and follows from {@code start}. */
  public synchronized void reset(L1BlockRef start) {
    window.clear();
    window.add(start);
  }

  /** Looks at the block after the head: advances, reports no change, or reports a reorg. */
  public CompletableFuture<Step> step() {
    if (!stepping.compareAndSet(false, true)) {
      throw new IllegalStateException("a step is already in progress");
    }
    L1BlockRef head = head();
    CompletableFuture<Step> result =
        client
            .headerByNumber(head.number() + 1)
            .handle(
                (next, error) -> {
                  if (error == null) {
                    if (next.parentHash().equals(head.hash())) {
                      return CompletableFuture.<Step>completedFuture(advance(next.ref()));
                    }
                    return walkBack(next, new ArrayList<>());
                  }
                  L1Exception e = L1Exception.of(error);
                  if (e.kind() != L1Exception.Kind.NOT_FOUND) {
                    return CompletableFuture.<Step>failedFuture(e);
                  }
                  return checkHeadStillCanonical(head);
                })
            .thenCompose(f -> f);
    return result.whenComplete((s, e) -> stepping.set(false));
  }

  private CompletableFuture<Step> checkHeadStillCanonical(L1BlockRef head) {
    return client
        .headerByNumber(head.number())
        .handle(
            (atHead, error) -> {
              if (error == null) {
                if (atHead.hash().equals(head.hash())) {
                  return CompletableFuture.<Step>completedFuture(new Step.UpToDate(head));
                }
                return walkBack(atHead, new ArrayList<>());
              }
              L1Exception e = L1Exception.of(error);
              if (e.kind() != L1Exception.Kind.NOT_FOUND) {
                return CompletableFuture.<Step>failedFuture(e);
              }
              // The chain is now shorter than our head: walk back from its new head.
              return client
                  .header(BlockTag.LATEST)
                  .thenCompose(latest -> walkBack(latest, new ArrayList<>()));
            })
        .thenCompose(f -> f);
  }

  /**
   * {@code candidate} is canonical; if we saw it, it is the common ancestor, otherwise it joins the
   * new branch and its parent (by hash, so the branch stays one chain) is examined next.
   */
  private CompletableFuture<Step> walkBack(
      L1Header candidate, List<L1BlockRef> newBranchDescending) {
    Hash parent;
    synchronized (this) {
      L1BlockRef seen = seenAt(candidate.number());
      if (seen != null && seen.hash().equals(candidate.hash())) {
        return CompletableFuture.completedFuture(reorgTo(seen, newBranchDescending));
      }
      long oldest = window.getFirst().number();
      if (Long.compareUnsigned(candidate.number(), oldest) <= 0) {
        return CompletableFuture.failedFuture(
            new L1Exception(
                L1Exception.Kind.REORG,
                "L1 reorg deeper than the "
                    + window.size()
                    + " blocks remembered: block #"
                    + Long.toUnsignedString(oldest)
                    + " "
                    + window.getFirst().hash()
                    + " is no longer canonical"));
      }
      newBranchDescending.add(candidate.ref());
      parent = candidate.parentHash();
    }
    return client.headerByHash(parent).thenCompose(p -> walkBack(p, newBranchDescending));
  }

  private L1BlockRef seenAt(long number) {
    long index = number - window.getFirst().number();
    if (index < 0 || index >= window.size()) {
      return null;
    }
    return window.get((int) index);
  }

  private synchronized Step advance(L1BlockRef next) {
    window.add(next);
    if (window.size() > maxReorgDepth + 1) {
      window.removeFirst();
    }
    return new Step.Advanced(next);
  }

  private synchronized Step reorgTo(L1BlockRef ancestor, List<L1BlockRef> newBranchDescending) {
    int keep = (int) (ancestor.number() - window.getFirst().number()) + 1;
    List<L1BlockRef> oldBranch = new ArrayList<>(window.subList(keep, window.size()));
    window.subList(keep, window.size()).clear();
    List<L1BlockRef> newBranch = new ArrayList<>(newBranchDescending.reversed());
    window.addAll(newBranch);
    while (window.size() > maxReorgDepth + 1) {
      window.removeFirst();
    }
    return new Step.Reorg(ancestor, oldBranch, newBranch);
  }
}
