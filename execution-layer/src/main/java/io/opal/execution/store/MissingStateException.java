package io.opal.execution.store;

import io.opal.primitives.Hash;

/**
 * A state read needed data that its source does not have: in stateless execution the witness lacks
 * a trie node or a contract's code; with a database, the state at that root was never stored (or
 * the database is damaged). Names what is missing by its hash so that a witness can be completed.
 */
public final class MissingStateException extends RuntimeException {

  /** What kind of preimage is missing. */
  public enum Kind {
    TRIE_NODE,
    CODE
  }

  private final Kind kind;
  private final transient Hash hash;

  public MissingStateException(Kind kind, Hash hash, String context) {
    super(
        (kind == Kind.TRIE_NODE ? "trie node " : "contract code ")
            + hash
            + " is missing"
            + (context.isEmpty() ? "" : " (" + context + ")"));
    this.kind = kind;
    this.hash = hash;
  }

  public Kind kind() {
    return kind;
  }

  /** The keccak256 hash of the missing node or code. */
  public Hash hash() {
    return hash;
  }
}
