package io.opal.execution.op.replay;

import io.opal.primitives.Hash;

/**
 * Stateless execution needed a preimage its witness does not hold: a state-trie or storage-trie
 * node, or contract code. The witness was built for another block or is incomplete.
 */
public final class MissingWitnessException extends RuntimeException {
  private final transient Hash hash;

  public MissingWitnessException(String what, Hash hash) {
    super("the witness lacks " + what + " " + hash);
    this.hash = hash;
  }

  /** The keccak256 hash whose preimage is missing. */
  public Hash hash() {
    return hash;
  }
}
