package io.opal.primitives.trie;

import io.opal.primitives.Hash;

/**
 * A trie operation needed a node that its node source does not have: in stateless execution, the
 * witness lacks it; with a database, the state at that root is pruned or corrupt.
 */
public final class MissingTrieNodeException extends RuntimeException {
  private final transient Hash hash;

  public MissingTrieNodeException(Hash hash) {
    super("trie node " + hash + " is missing from the node source");
    this.hash = hash;
  }

  /** The hash of the missing node. */
  public Hash hash() {
    return hash;
  }
}
