package io.opal.consensus.sequencer;

import io.opal.consensus.l1.L1SystemConfig;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.sequencer.BlockPlanner.Plan;
import io.opal.consensus.sequencer.BlockPlanner.Verdict;
import io.opal.primitives.Hash;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sequencer's L1 reads kept off the seal-to-build path: the next block's {@link Plan} read
 * ahead of the seal, and the L1 view read again once a job has started from such a plan. The reads
 * run on the {@code reader} executor; the results are taken on the driver thread, which alone calls
 * this class.
 */
final class Lookahead {
  private static final System.Logger LOG = System.getLogger(Lookahead.class.getName());

  private final BlockPlanner planner;
  private final Executor reader;
  private final Duration timeout;

  private CompletableFuture<Plan> prepared; // for the child of the block being built
  private CompletableFuture<Verdict> check; // for the plan the open job was started from

  Lookahead(BlockPlanner planner, Executor reader, Duration timeout) {
    this.planner = planner;
    this.reader = reader;
    this.timeout = timeout;
  }

  boolean preparing() {
    return prepared != null;
  }

  /**
   * Starts planning the child of the block being built from {@code building}: every input is final
   * before that block is sealed but its hash, which the plan does not read.
   */
  void prepare(Plan building) {
    AttributesBuilder.Attributes a = building.attributes();
    L2BlockRef filling =
        new L2BlockRef(
            Hash.ZERO,
            building.parent().number() + 1,
            building.parent().hash(),
            a.attributes().timestamp(),
            a.l1Origin(),
            a.sequenceNumber());
    L1SystemConfig sys = a.systemConfig();
    prepared = CompletableFuture.supplyAsync(() -> planner.plan(filling, sys), reader);
  }

  /**
   * The prepared plan of the child of the just-sealed {@code parent}, waiting for its reads if they
   * are still under way; empty if there is none or it failed (the caller then reads L1 itself, so
   * that a failure is classified as of now). Forgets it either way.
   */
  Optional<Plan> takePrepared(L2BlockRef parent) {
    CompletableFuture<Plan> next = prepared;
    prepared = null;
    if (next == null) {
      return Optional.empty();
    }
    try {
      Plan p = next.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      L2BlockRef planned = p.parent();
      boolean same =
          planned.number() == parent.number()
              && planned.timestamp() == parent.timestamp()
              && planned.l1Origin().equals(parent.l1Origin())
              && planned.sequenceNumber() == parent.sequenceNumber();
      return same ? Optional.of(p) : Optional.empty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.log(Level.DEBUG, "the L1 reads made ahead of the seal failed: {0}", e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Reads L1 again for {@code started}, the plan a job has just started from; {@code onStale} runs
   * (on the reader) if it turns out stale, so that the driver can act before the deadline.
   */
  void verify(Plan started, Runnable onStale) {
    check = CompletableFuture.supplyAsync(() -> planner.verify(started), reader);
    check.thenAccept(
        v -> {
          if (v == Verdict.STALE) {
            onStale.run();
          }
        });
  }

  /** Whether the answer of {@link #verify} has come and found the plan stale (then forgotten). */
  boolean takeStale() {
    if (check == null || !check.isDone()) {
      return false;
    }
    Verdict v = check.exceptionally(e -> Verdict.UNKNOWN).join();
    check = null;
    return v == Verdict.STALE;
  }

  /** Forgets the check of the open job: it is being sealed, or dropped. */
  void forgetCheck() {
    check = null;
  }

  /** Forgets everything: reads under way finish on their own thread, unheard. */
  void clear() {
    prepared = null;
    check = null;
  }
}
