package io.opal.execution.engine;

/** A block named by its role rather than its hash or number (RPC's block tags). */
public enum BlockTag {
  /** Block 0. */
  EARLIEST,
  /** The unsafe head ("latest"). */
  UNSAFE,
  /** The safe head. */
  SAFE,
  /** The finalized head. */
  FINALIZED
}
