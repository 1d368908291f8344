package io.opal.consensus.sequencer;

import io.opal.execution.op.Predeploys;
import io.opal.primitives.Address;
import java.time.Duration;
import java.util.Objects;

/**
 * How the sequencer runs (op-node's {@code --sequencer.*} flags).
 *
 * @param confDepth L1 blocks kept between the L1 head and the newest block adopted as an L1 origin,
 *     so that a shallow L1 reorg rarely reaches the origin (op-node's {@code sequencer.l1-confs}; 0
 *     follows the head)
 * @param feeRecipient the L2 blocks' fee recipient (the SequencerFeeVault on standard chains)
 * @param sealMargin how long before the slot time the block is sealed, so that it is committed by
 *     the time its timestamp arrives; the build job keeps filling from the pool until then
 * @param maxSafeLag unsafe blocks allowed ahead of the safe head before sequencing pauses (0: no
 *     limit). Wired but inert for now: without derivation the safe head never moves, so a limit
 *     would stop the chain; it takes effect once derivation advances the safe head
 * @param startActive whether a node with no stored sequencer state starts sequencing (a stored
 *     state, from {@code admin_startSequencer} / {@code admin_stopSequencer}, wins)
 * @param minBackoff first wait after a temporary failure (L1 unreachable), doubled up to {@code
 *     maxBackoff} while failures continue
 */
public record SequencerConfig(
    long confDepth,
    Address feeRecipient,
    Duration sealMargin,
    long maxSafeLag,
    boolean startActive,
    Duration minBackoff,
    Duration maxBackoff) {

  public SequencerConfig {
    Objects.requireNonNull(feeRecipient, "feeRecipient");
    Objects.requireNonNull(sealMargin, "sealMargin");
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (confDepth < 0 || maxSafeLag < 0 || sealMargin.isNegative()) {
      throw new IllegalArgumentException("confDepth, maxSafeLag and sealMargin are non-negative");
    }
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("backoff: 0 < minBackoff <= maxBackoff");
    }
  }

  /**
   * Conf depth 0, fees to the SequencerFeeVault, 50 ms seal margin, active, 250 ms..10 s backoff.
   */
  public static SequencerConfig defaults() {
    return new SequencerConfig(
        0,
        Predeploys.SEQUENCER_FEE_VAULT,
        Duration.ofMillis(50),
        0,
        true,
        Duration.ofMillis(250),
        Duration.ofSeconds(10));
  }

  public SequencerConfig withConfDepth(long v) {
    return new SequencerConfig(
        v, feeRecipient, sealMargin, maxSafeLag, startActive, minBackoff, maxBackoff);
  }

  public SequencerConfig withFeeRecipient(Address v) {
    return new SequencerConfig(
        confDepth, v, sealMargin, maxSafeLag, startActive, minBackoff, maxBackoff);
  }

  public SequencerConfig withSealMargin(Duration v) {
    return new SequencerConfig(
        confDepth, feeRecipient, v, maxSafeLag, startActive, minBackoff, maxBackoff);
  }

  public SequencerConfig withMaxSafeLag(long v) {
    return new SequencerConfig(
        confDepth, feeRecipient, sealMargin, v, startActive, minBackoff, maxBackoff);
  }

  public SequencerConfig withStartActive(boolean v) {
    return new SequencerConfig(
        confDepth, feeRecipient, sealMargin, maxSafeLag, v, minBackoff, maxBackoff);
  }

  public SequencerConfig withBackoff(Duration min, Duration max) {
    return new SequencerConfig(
        confDepth, feeRecipient, sealMargin, maxSafeLag, startActive, min, max);
  }
}
