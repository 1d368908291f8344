/**
 * The Merkle-Patricia trie: {@link io.opal.primitives.trie.MerklePatriciaTrie} (in memory, or
 * loading nodes lazily from a {@link io.opal.primitives.trie.TrieNodeSource}), {@link
 * io.opal.primitives.trie.SecureTrie} (keys hashed first: state and storage) and {@link
 * io.opal.primitives.trie.OrderedTrie} (roots of transaction, receipt and withdrawal lists).
 */
package io.opal.primitives.trie;
