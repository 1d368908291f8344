package io.opal.consensus.sequencer;

import java.util.Objects;

/**
 * Why the sequencer could not produce the next block, classified as kona and op-node classify
 * derivation errors, so that the driver knows whether to retry, reset or halt.
 */
public final class SequencerException extends RuntimeException {

  /** What the driver does about it. */
  public enum Kind {
    /** L1 unreachable, slow, or not yet at the needed block: back off and try again. */
    TEMPORARY,
    /**
     * The unsafe head's L1 origin is no longer canonical on L1: rewind the unsafe chain to the
     * newest block whose origin still is, and continue from there.
     */
    RESET,
    /**
     * Retrying cannot help (the engine refused the block, a deposit log does not decode, an
     * invariant broke): stop sequencing and report; the node keeps running.
     */
    CRITICAL
  }

  private final Kind kind;

  public SequencerException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind);
  }

  public SequencerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind);
  }

  public Kind kind() {
    return kind;
  }

  static SequencerException temporary(String message, Throwable cause) {
    return new SequencerException(Kind.TEMPORARY, message, cause);
  }

  static SequencerException reset(String message) {
    return new SequencerException(Kind.RESET, message);
  }

  static SequencerException critical(String message, Throwable cause) {
    return new SequencerException(Kind.CRITICAL, message, cause);
  }
}
