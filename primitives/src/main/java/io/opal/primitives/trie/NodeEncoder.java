package io.opal.primitives.trie;

import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.trie.TrieNode.Branch;
import io.opal.primitives.trie.TrieNode.Extension;
import io.opal.primitives.trie.TrieNode.Leaf;
import io.opal.primitives.trie.TrieNode.Unresolved;
import java.util.Arrays;

/**
 * Encodes nodes as the yellow paper defines (leaf and extension: {@code [compact(path), value or
 * child]}, branch: {@code [child0..child15, value]}) and computes their references. Each node is
 * written straight into one reusable scratch buffer, its size computed first, so hashing a node
 * allocates only its 32-byte hash. Not thread-safe: one encoder per trie.
 */
final class NodeEncoder {
  private static final int HASH_REF_SIZE = 33; // 0xa0 followed by the 32-byte hash

  private byte[] scratch = new byte[544];

  /** The node's reference, computing (and caching) it and those of its descendants as needed. */
  byte[] ref(TrieNode node) {
    byte[] ref = node.ref;
    if (ref != null) {
      return ref;
    }
    prepareChildren(node);
    int length = write(node);
    ref = length < 32 ? Arrays.copyOf(scratch, length) : Keccak256.hash(scratch, 0, length);
    node.ref = ref;
    return ref;
  }

  /** keccak256 of the node's encoding, whatever its size (the root is always hashed). */
  byte[] hash(TrieNode node) {
    byte[] ref = ref(node);
    return ref.length == 32 ? ref : Keccak256.hash(ref);
  }

  /** The node's full RLP encoding (its descendants' references are computed as needed). */
  byte[] encode(TrieNode node) {
    if (node instanceof Unresolved) {
      throw new IllegalStateException("an unresolved node has no encoding at hand");
    }
    prepareChildren(node);
    return Arrays.copyOf(scratch, write(node));
  }

  private void prepareChildren(TrieNode node) {
    if (node instanceof Extension e) {
      ref(e.child);
    } else if (node instanceof Branch b) {
      for (TrieNode child : b.children) {
        if (child != null) {
          ref(child);
        }
      }
    }
  }

  /** Writes the encoding of a node whose children's references are known; returns its length. */
  private int write(TrieNode node) {
    if (node instanceof Leaf l) {
      return writeShortNode(l.path, l.start, l.path.length, true, l.value, null);
    } else if (node instanceof Extension e) {
      return writeShortNode(e.path, e.start, e.end, false, null, e.child.ref);
    } else if (node instanceof Branch b) {
      return writeBranch(b);
    }
    throw new IllegalStateException("an unresolved node is never re-encoded");
  }

  private int writeShortNode(
      byte[] path, int from, int to, boolean leaf, byte[] value, byte[] childRef) {
    int compact = Nibbles.compactSize(to - from);
    int pathItem = compact == 1 ? 1 : stringHeaderSize(compact) + compact;
    int second = leaf ? stringSize(value) : refSize(childRef);
    int payload = pathItem + second;
    int total = listHeaderSize(payload) + payload;
    ensure(total);
    int at = writeListHeader(payload);
    if (compact > 1) {
      at = writeStringHeader(at, compact);
    }
    Nibbles.writeCompact(path, from, to, leaf, scratch, at);
    at += compact;
    at = leaf ? writeString(at, value) : writeRef(at, childRef);
    return at;
  }

  private int writeBranch(Branch b) {
    int payload = 0;
    for (TrieNode child : b.children) {
      payload += child == null ? 1 : refSize(child.ref);
    }
    payload += b.value == null ? 1 : stringSize(b.value);
    ensure(listHeaderSize(payload) + payload);
    int at = writeListHeader(payload);
    for (TrieNode child : b.children) {
      if (child == null) {
        scratch[at++] = (byte) 0x80;
      } else {
        at = writeRef(at, child.ref);
      }
    }
    if (b.value == null) {
      scratch[at++] = (byte) 0x80;
    } else {
      at = writeString(at, b.value);
    }
    return at;
  }

  private static int refSize(byte[] ref) {
    return ref.length == 32 ? HASH_REF_SIZE : ref.length;
  }

  private int writeRef(int at, byte[] ref) {
    if (ref.length == 32) {
      scratch[at++] = (byte) 0xa0;
    }
    System.arraycopy(ref, 0, scratch, at, ref.length);
    return at + ref.length;
  }

  private static int stringSize(byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) {
      return 1;
    }
    return stringHeaderSize(s.length) + s.length;
  }

  private int writeString(int at, byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) {
      scratch[at] = s[0];
      return at + 1;
    }
    at = writeStringHeader(at, s.length);
    System.arraycopy(s, 0, scratch, at, s.length);
    return at + s.length;
  }

  private static int stringHeaderSize(int length) {
    return length < 56 ? 1 : 1 + lengthOfLength(length);
  }

  private static int listHeaderSize(int length) {
    return stringHeaderSize(length);
  }

  private int writeStringHeader(int at, int length) {
    return writeHeader(at, 0x80, length);
  }

  private int writeListHeader(int length) {
    return writeHeader(0, 0xc0, length);
  }

  private int writeHeader(int at, int base, int length) {
    if (length < 56) {
      scratch[at] = (byte) (base + length);
      return at + 1;
    }
    int n = lengthOfLength(length);
    scratch[at] = (byte) (base + 55 + n);
    for (int i = 0; i < n; i++) {
      scratch[at + 1 + i] = (byte) (length >>> (8 * (n - 1 - i)));
    }
    return at + 1 + n;
  }

  private static int lengthOfLength(int length) {
    return 4 - Integer.numberOfLeadingZeros(length) / 8;
  }

  private void ensure(int size) {
    if (size > scratch.length) {
      scratch = new byte[Math.max(size, scratch.length * 2)];
    }
  }
}
