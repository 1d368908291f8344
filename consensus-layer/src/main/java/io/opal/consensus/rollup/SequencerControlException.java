package io.opal.consensus.rollup;

/** An operator's sequencer request that cannot be carried out; the message says why. */
public final class SequencerControlException extends Exception {
  public SequencerControlException(String message) {
    super(message);
  }
}
