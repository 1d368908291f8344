package io.opal.consensus.sequencer;

/**
 * Told of what the sequencer does, on its driver thread: must be quick (hand work to another
 * thread). An exception it throws is logged and ignored.
 */
public interface SequencerListener {
  /** A block was sealed and made the unsafe head. */
  void onSealed(SequencedBlock block);

  /** Sequencing stopped on a critical error; {@code admin_startSequencer} resumes it. */
  default void onHalted(SequencerException cause) {}

  /** The unsafe head was rewound because its L1 origin left the canonical L1 chain. */
  default void onReset(
      io.opal.consensus.rollup.L2BlockRef from, io.opal.consensus.rollup.L2BlockRef to) {}
}
