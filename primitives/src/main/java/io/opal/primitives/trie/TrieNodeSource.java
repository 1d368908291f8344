package io.opal.primitives.trie;

import io.opal.primitives.Hash;
import java.util.Map;
import java.util.Optional;

/**
 * Where a lazily loaded trie finds the nodes it references by hash: a witness map, a database
 * column, a proof. Returns the node's RLP, or empty when it does not have it.
 */
@FunctionalInterface
public interface TrieNodeSource {
  /** A source with no nodes, for tries that must be complete in memory. */
  TrieNodeSource NONE = hash -> Optional.empty();

  Optional<byte[]> node(Hash hash);

  /** A source backed by a map from node hash to node RLP (a witness, a proof). */
  static TrieNodeSource of(Map<Hash, byte[]> nodes) {
    return hash -> Optional.ofNullable(nodes.get(hash));
  }
}
