package io.opal.consensus.sequencer;

import io.opal.consensus.l1.L1Header;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.primitives.config.RollupConfig;
import java.util.Optional;

/**
 * Chooses the L1 origin of the next L2 block (derivation.md "Sequencing", op-node's {@code
 * L1OriginSelector}): keep the parent's origin unless its successor — no nearer the L1 head than
 * the confirmation depth — is already as old as the new block; past the max sequencer drift the
 * successor is mandatory, and the block must wait for it if L1 does not have it yet.
 */
final class L1OriginSelector {
  private final RollupConfig config;
  private final L1Reads l1;
  private final AttributesBuilder attributes;
  private final long confDepth;

  L1OriginSelector(RollupConfig config, L1Reads l1, AttributesBuilder attributes, long confDepth) {
    this.config = config;
    this.l1 = l1;
    this.attributes = attributes;
    this.confDepth = confDepth;
  }

  /**
   * The origin of the child of {@code parent}.
   *
   * @param l1Head the L1 head just polled
   * @throws SequencerException RESET if the parent's origin is no longer canonical, TEMPORARY if L1
   *     is unreachable or the mandatory next origin is not available yet
   */
  L1Header select(L2BlockRef parent, L1Header l1Head) {
    long t = parent.timestamp() + config.blockTime();
    long currentNumber = parent.l1Origin().number();
    L1Header current =
        l1.byNumber(currentNumber)
            .filter(h -> h.hash().equals(parent.l1Origin().hash()))
            .orElseThrow(
                () ->
                    SequencerException.reset(
                        "the L1 origin "
                            + parent.l1Origin()
                            + " of the unsafe head "
                            + parent.id()
                            + " is no longer canonical"));
    boolean pastDrift = t > current.timestamp() + attributes.maxSequencerDrift(current.timestamp());
    Optional<L1Header> next = Optional.empty();
    long nextNumber = currentNumber + 1;
    if (l1Head.number() >= confDepth && nextNumber <= l1Head.number() - confDepth) {
      next = l1.byNumber(nextNumber);
    }
    if (next.isPresent() && !next.get().parentHash().equals(current.hash())) {
      // L1 changed between the two reads: read again (a reset follows if the origin is gone).
      throw SequencerException.temporary(
          "L1 block #" + nextNumber + " does not build on the origin " + parent.l1Origin(), null);
    }
    if (pastDrift) {
      if (next.isEmpty()) {
        throw SequencerException.temporary(
            "the next L2 block (time "
                + t
                + ") is past the max sequencer drift of origin "
                + current.ref()
                + " and L1 block #"
                + nextNumber
                + " is not available yet",
            null);
      }
      // Past the drift the next origin is adopted as soon as it is not newer than the block; until
      // then the block keeps the current origin, empty but for deposits (derivation.md allows a
      // batch past the drift exactly when the next origin is newer than it).
      return next.get().timestamp() <= t ? next.get() : current;
    }
    if (next.isPresent() && next.get().timestamp() <= t) {
      return next.get();
    }
    return current;
  }
}
