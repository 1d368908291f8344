package io.opal.primitives.trie;

import io.opal.primitives.Hash;

/**
 * A node of the Merkle-Patricia trie. Nodes are immutable once built (an update copies the path
 * from the root to the changed leaf), so a trie can be snapshotted by sharing its root, and the
 * cached {@link #ref} of every untouched subtree stays valid: only dirty paths are re-hashed.
 *
 * <p>Two fields are memoization, not state: {@link #ref} (filled on first hashing) and, in {@link
 * Extension} and {@link Branch}, a child that is {@link Unresolved} may be replaced by the node it
 * resolves to, which has the same reference.
 */
abstract sealed class TrieNode
    permits TrieNode.Leaf, TrieNode.Extension, TrieNode.Branch, TrieNode.Unresolved {

  /**
   * How a parent refers to this node: its keccak256 (32 bytes) when its encoding has 32 bytes or
   * more, else the encoding itself (which is then shorter than 32, so the two never collide). Null
   * until computed.
   */
  byte[] ref;

  /** Whether the node store already has this node (it was loaded from it, or committed to it). */
  boolean stored;

  /** A key's end: the path {@code path[start..path.length)} and a non-empty value. */
  static final class Leaf extends TrieNode {
    final byte[] path;
    final int start;
    final byte[] value;

    Leaf(byte[] path, int start, byte[] value) {
      this.path = path;
      this.start = start;
      this.value = value;
    }

    int length() {
      return path.length - start;
    }
  }

  /** A shared path {@code path[start..end)} (never empty) leading to a branch. */
  static final class Extension extends TrieNode {
    final byte[] path;
    final int start;
    final int end;
    TrieNode child;

    Extension(byte[] path, int start, int end, TrieNode child) {
      this.path = path;
      this.start = start;
      this.end = end;
      this.child = child;
    }

    int length() {
      return end - start;
    }
  }

  /**
   * Sixteen children, one per next nibble (null where absent), and the value of a key ending here.
   */
  static final class Branch extends TrieNode {
    final TrieNode[] children;
    final byte[] value;

    Branch(TrieNode[] children, byte[] value) {
      this.children = children;
      this.value = value;
    }
  }

  /** A child known only by its hash, loaded from the node source when first needed. */
  static final class Unresolved extends TrieNode {
    final Hash hash;

    Unresolved(Hash hash) {
      this.hash = hash;
      this.ref = hash.toArray();
      this.stored = true;
    }
  }
}
