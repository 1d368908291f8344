package io.opal.consensus.sequencer;

import io.opal.consensus.rollup.L2BlockRef;
import io.opal.execution.engine.SealedBlock;

/**
 * A block the sequencer sealed: its reference (with L1 origin and sequence number), the engine's
 * sealed block (transactions, receipts, timings), and how many user deposits it carries.
 */
public record SequencedBlock(L2BlockRef ref, SealedBlock sealed, int userDeposits) {

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
        + ref.sequenceNumber();
  }
}
