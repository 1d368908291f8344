package io.opal.consensus.sequencer;

import io.opal.consensus.rollup.L2BlockRef;
import io.opal.execution.engine.SealedBlock;

/**
 * A block the sequencer sealed: its reference (with L1 origin and sequence number), the engine's
 * sealed block (transactions, receipts, timings), and how many user deposits it carries.
 *
 * @param buildGapNanos from the parent's seal (head moved) to the start of this block's build job
 *     (its {@code engine.startBuild} returned): the time no block was filling; -1 when the build
 *     did not follow a seal (the first after a start, a reset or a retry)
 * @param startBuildNanos how long {@code engine.startBuild} took (state view, system calls, forced
 *     deposits): the engine's share of the gap
 */
public record SequencedBlock(
    L2BlockRef ref,
    SealedBlock sealed,
    int userDeposits,
    long buildGapNanos,
    long startBuildNanos) {

  public int transactionCount() {
    return sealed.block().body().transactions().size();
  }

  public long gasUsed() {
    return sealed.block().header().gasUsed();
  }

  /** The log line of the block: number, hash, transactions, gas, L1 origin. */
  @Override
  public String toString() {
    return "L2 block #"
        + Long.toUnsignedString(ref.number())
        + " "
        + ref.hash()
        + " txs="
        + transactionCount()
        + " gas="
        + Long.toUnsignedString(gasUsed())
        + " deposits="
        + userDeposits
        + " L1 origin "
        + ref.l1Origin()
        + " seq="
        + ref.sequenceNumber()
        + String.format(" seal=%.3fms", sealed.overheadNanos() / 1e6)
        + (buildGapNanos < 0
            ? ""
            : String.format(
                " gap=%.3fms (startBuild %.3fms)", buildGapNanos / 1e6, startBuildNanos / 1e6))
        // The commit the job prepared while idle was written as it stood (nothing came after).
        + (sealed.preparedAhead() ? " prepared" : "");
  }
}
