package io.opal.consensus.rollup;

import io.opal.primitives.Hash;

/**
 * What an operator can do to the sequencer (op-node's {@code admin_startSequencer}, {@code
 * admin_stopSequencer}, {@code admin_sequencerActive}), and where the node stands. Implemented by
 * the sequencer, called by the admin RPC.
 */
public interface SequencerControl {
  /**
   * Starts sequencing on top of {@code unsafeHead}, which must be the current unsafe head (so an
   * operator cannot start two sequencers on diverging heads by mistake).
   *
   * @throws SequencerControlException "sequencer already running", or "block hash does not match"
   *     naming the actual head
   */
  void start(Hash unsafeHead) throws SequencerControlException;

  /**
   * Stops sequencing after the block being built is sealed or dropped.
   *
   * @return the hash of the last sealed block (the unsafe head)
   * @throws SequencerControlException "sequencer not running"
   */
  Hash stop() throws SequencerControlException;

  boolean active();

  SyncStatus syncStatus();
}
