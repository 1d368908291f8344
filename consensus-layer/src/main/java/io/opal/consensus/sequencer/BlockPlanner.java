package io.opal.consensus.sequencer;

import io.opal.consensus.l1.BlockTag;
import io.opal.consensus.l1.L1BlockRef;
import io.opal.consensus.l1.L1Client;
import io.opal.consensus.l1.L1Header;
import io.opal.consensus.l1.L1SystemConfig;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.primitives.Hash;
import io.opal.primitives.config.RollupConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The L1 side of building a block: reads the L1 head, picks the child's L1 origin and builds its
 * payload attributes — everything {@code engine.startBuild} needs except the parent's hash. The
 * sequencer calls {@link #plan} on its driver thread when it has nothing prepared, and ahead of the
 * seal on another thread for the block after the one filling (the parent's hash is not needed: the
 * origin rules and the attributes read only the parent's number, time, L1 origin and sequence
 * number). {@link #verify} then tells whether such a plan, made on an earlier L1 view, may still be
 * built.
 *
 * <p>Thread-safe: the reads block the calling thread (never the driver's while a block is due); the
 * L1 head, safe and finalized blocks it last saw are published for {@code optimism_syncStatus}.
 */
final class BlockPlanner {
  static final L1BlockRef UNKNOWN_L1 = new L1BlockRef(Hash.ZERO, 0, Hash.ZERO, 0);

  /**
   * What the child of {@code parent} is built from.
   *
   * @param parent the parent as planned for: when planned ahead of its seal, its hash is {@link
   *     Hash#ZERO} (every other field is final before the seal)
   * @param l1Head the L1 head the origin was chosen on
   */
  record Plan(
      L2BlockRef parent,
      L1Header l1Head,
      L1Header origin,
      AttributesBuilder.Attributes attributes) {}

  /** Whether a plan made on an earlier L1 view may still be built. */
  enum Verdict {
    /** L1 has not changed in a way that matters: build it. */
    CURRENT,
    /**
     * Its origin was reorged out (or, past the max sequencer drift, a newer origin it had to adopt
     * has appeared): build again on a fresh view.
     */
    STALE,
    /** L1 could not be read: keep it (it was built on a view L1 itself gave). */
    UNKNOWN
  }

  private final L1Client client;
  private final L1Reads l1;
  private final AttributesBuilder attributesBuilder;
  private final L1OriginSelector selector;

  private volatile L1BlockRef head = UNKNOWN_L1;
  private volatile L1BlockRef safe = UNKNOWN_L1;
  private volatile L1BlockRef finalized = UNKNOWN_L1;

  BlockPlanner(RollupConfig rollup, L1Client client, SequencerConfig config, Duration l1Timeout) {
    this.client = Objects.requireNonNull(client);
    this.l1 = new L1Reads(client, l1Timeout);
    this.attributesBuilder = new AttributesBuilder(rollup, config.feeRecipient());
    this.selector = new L1OriginSelector(rollup, l1, attributesBuilder, config.confDepth());
  }

  L1Reads reads() {
    return l1;
  }

  /**
   * Reads L1 and plans the child of {@code parent}.
   *
   * @param parentConfig the system config {@code parent} was built under
   * @throws SequencerException as {@link L1OriginSelector#select} and {@link
   *     AttributesBuilder#build}: TEMPORARY (L1 unreachable, next origin missing past the drift),
   *     RESET (the parent's origin was reorged out), CRITICAL (a deposit log does not decode)
   */
  Plan plan(L2BlockRef parent, L1SystemConfig parentConfig) {
    L1Header l1Head = l1.head();
    observe(l1Head);
    L1Header origin = selector.select(parent, l1Head);
    AttributesBuilder.Attributes a =
        attributesBuilder.build(parent, parentConfig, origin, l1::receipts);
    return new Plan(parent, l1Head, origin, a);
  }

  /**
   * Reads the L1 head again for a plan made earlier: if it is the plan's, nothing changed. If it
   * moved, the origin is chosen again on the new view; a different choice makes the plan {@link
   * Verdict#STALE} when the planned origin is no longer canonical, or when the block is past the
   * max sequencer drift (where adopting the next origin as soon as it exists is a validity rule,
   * derivation.md). Otherwise the plan stands: a new L1 block seen only now is adopted by the next
   * L2 block, as the origin rules allow (op-node's view of L1 lags the same way).
   */
  Verdict verify(Plan plan) {
    try {
      L1Header now = l1.head();
      if (now.hash().equals(plan.l1Head().hash())) {
        return Verdict.CURRENT;
      }
      observe(now);
      L1Header fresh = selector.select(plan.parent(), now);
      Hash planned = plan.origin().hash();
      if (fresh.hash().equals(planned)) {
        return Verdict.CURRENT;
      }
      boolean canonical =
          l1.byNumber(plan.origin().number()).map(h -> h.hash().equals(planned)).orElse(false);
      boolean pastDrift = plan.attributes().attributes().timestamp() > driftLimit(plan.origin());
      return canonical && !pastDrift ? Verdict.CURRENT : Verdict.STALE;
    } catch (SequencerException e) {
      // RESET: the parent's origin is gone, so is the plan's; TEMPORARY: L1 did not answer.
      return e.kind() == SequencerException.Kind.RESET ? Verdict.STALE : Verdict.UNKNOWN;
    }
  }

  private long driftLimit(L1Header origin) {
    return origin.timestamp() + attributesBuilder.maxSequencerDrift(origin.timestamp());
  }

  /**
   * Publishes a newly seen L1 head; on a change, asks for the safe and finalized blocks without
   * waiting for them (they only feed the sync status).
   */
  private void observe(L1Header l1Head) {
    if (l1Head.hash().equals(head.hash())) {
      return;
    }
    head = l1Head.ref();
    client.header(BlockTag.SAFE).thenAccept(h -> safe = h.ref());
    client.header(BlockTag.FINALIZED).thenAccept(h -> finalized = h.ref());
  }

  L1BlockRef head() {
    return head;
  }

  L1BlockRef safe() {
    return safe;
  }

  L1BlockRef finalized() {
    return finalized;
  }
}
