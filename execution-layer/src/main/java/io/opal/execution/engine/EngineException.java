package io.opal.execution.engine;

import java.util.Objects;

/**
 * A request the engine refuses: the blocks it names are unknown, the heads are out of order, a
 * reorg goes deeper than the kept state history, or a build job can no longer be sealed. The chain
 * is unchanged when this is thrown.
 */
public final class EngineException extends RuntimeException {

  /** What was wrong with the request. */
  public enum Kind {
    /** A block hash the engine does not store. */
    UNKNOWN_BLOCK,
    /** Forkchoice heads not in the order finalized ≤ safe ≤ unsafe, or not on one chain. */
    INVALID_FORKCHOICE,
    /** Moving the unsafe head needs state diffs older than the kept history. */
    REORG_TOO_DEEP,
    /** Moving the unsafe head would abandon the finalized block. */
    FINALIZED_REORG,
    /** Payload attributes the fork rejects (missing or extra fields, timestamp not increasing). */
    INVALID_ATTRIBUTES,
    /** A forced transaction of the attributes cannot be included: the block cannot be built. */
    INVALID_FORCED_TRANSACTION,
    /** The head moved under a build job, or the job was already sealed or cancelled. */
    BUILD_ABORTED,
    /** The state of the parent block is not stored. */
    MISSING_STATE
  }

  private final Kind kind;

  public EngineException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind);
  }

  public EngineException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind);
  }

  public Kind kind() {
    return kind;
  }
}
