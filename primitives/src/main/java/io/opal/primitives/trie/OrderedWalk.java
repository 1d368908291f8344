package io.opal.primitives.trie;

import io.opal.primitives.trie.TrieNode.Branch;
import io.opal.primitives.trie.TrieNode.Extension;
import io.opal.primitives.trie.TrieNode.Leaf;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Key-ordered traversals of a trie. Nibble order is byte order, and a key that is a prefix of
 * another sorts first, so: a branch's own value, then its children 0..15.
 *
 * <p>The searches keep the invariant that the path walked so far ({@code prefix}) equals the
 * target's first nibbles; where the two part, the subtree lies wholly above or below the target.
 */
final class OrderedWalk {
  private OrderedWalk() {}

  /** A growable nibble path; the walks push and truncate it as they descend and return. */
  private static final class Path {
    byte[] nibbles = new byte[64];
    int length;

    void push(byte[] src, int from, int to) {
      ensure(to - from);
      System.arraycopy(src, from, nibbles, length, to - from);
      length += to - from;
    }

    void push(int nibble) {
      ensure(1);
      nibbles[length++] = (byte) nibble;
    }

    private void ensure(int extra) {
      if (length + extra > nibbles.length) {
        nibbles = Arrays.copyOf(nibbles, Math.max(nibbles.length * 2, length + extra));
      }
    }

    byte[] key() {
      return Nibbles.toBytes(nibbles, length);
    }
  }

  static void forEach(MerklePatriciaTrie trie, TrieNode root, BiConsumer<byte[], byte[]> action) {
    if (root != null) {
      forEach(trie, root, new Path(), action);
    }
  }

  private static void forEach(
      MerklePatriciaTrie trie, TrieNode n, Path p, BiConsumer<byte[], byte[]> action) {
    int mark = p.length;
    if (n instanceof Leaf l) {
      p.push(l.path, l.start, l.path.length);
      action.accept(p.key(), l.value);
    } else if (n instanceof Extension e) {
      p.push(e.path, e.start, e.end);
      forEach(trie, trie.child(e), p, action);
    } else {
      Branch b = (Branch) n;
      if (b.value != null) {
        action.accept(p.key(), b.value);
      }
      for (int i = 0; i < 16; i++) {
        TrieNode c = trie.child(b, i);
        if (c != null) {
          p.push(i);
          forEach(trie, c, p, action);
          p.length = mark;
        }
      }
    }
    p.length = mark;
  }

  static TrieEntry higher(MerklePatriciaTrie trie, TrieNode root, byte[] target) {
    return root == null ? null : higher(trie, root, new Path(), target);
  }

  private static TrieEntry higher(MerklePatriciaTrie trie, TrieNode n, Path p, byte[] t) {
    int depth = p.length;
    if (n instanceof Leaf l) {
      return compareLeaf(l, t, depth) > 0 ? entry(p, l) : null;
    }
    if (n instanceof Extension e) {
      int c = compare(e.path, e.start, e.end, t, depth);
      if (c == 0) {
        p.push(e.path, e.start, e.end);
        return higher(trie, trie.child(e), p, t);
      }
      return c > 0 ? first(trie, e, p) : null;
    }
    Branch b = (Branch) n;
    int from = 0;
    if (depth < t.length) {
      int nib = t[depth];
      TrieNode c = trie.child(b, nib);
      if (c != null) {
        p.push(nib);
        TrieEntry found = higher(trie, c, p, t);
        if (found != null) {
          return found;
        }
        p.length = depth;
      }
      from = nib + 1;
    }
    for (int i = from; i < 16; i++) {
      TrieNode c = trie.child(b, i);
      if (c != null) {
        p.push(i);
        return first(trie, c, p);
      }
    }
    return null;
  }

  static TrieEntry lower(MerklePatriciaTrie trie, TrieNode root, byte[] target) {
    return root == null ? null : lower(trie, root, new Path(), target);
  }

  private static TrieEntry lower(MerklePatriciaTrie trie, TrieNode n, Path p, byte[] t) {
    int depth = p.length;
    if (n instanceof Leaf l) {
      return compareLeaf(l, t, depth) < 0 ? entry(p, l) : null;
    }
    if (n instanceof Extension e) {
      int c = compare(e.path, e.start, e.end, t, depth);
      if (c == 0) {
        p.push(e.path, e.start, e.end);
        return lower(trie, trie.child(e), p, t);
      }
      return c < 0 ? last(trie, e, p) : null;
    }
    Branch b = (Branch) n;
    if (depth == t.length) {
      return null; // the branch's value is the target itself; everything below is longer
    }
    int nib = t[depth];
    TrieNode c = trie.child(b, nib);
    if (c != null) {
      p.push(nib);
      TrieEntry found = lower(trie, c, p, t);
      if (found != null) {
        return found;
      }
      p.length = depth;
    }
    for (int i = nib - 1; i >= 0; i--) {
      TrieNode below = trie.child(b, i);
      if (below != null) {
        p.push(i);
        return last(trie, below, p);
      }
    }
    return b.value == null ? null : new TrieEntry(p.key(), b.value);
  }

  /**
   * Compares {@code path[from..to)} with the target's nibbles from {@code depth} on, as the keys
   * below the path compare with the target: 0 when the path is a prefix of the rest of the target
   * (the search must descend), 1 when every key below sorts after the target (also when the target
   * ends inside the path), -1 when every key below sorts before it.
   */
  private static int compare(byte[] path, int from, int to, byte[] t, int depth) {
    for (int i = from; i < to; i++) {
      int ti = depth + i - from;
      if (ti == t.length) {
        return 1;
      }
      if (path[i] != t[ti]) {
        return path[i] > t[ti] ? 1 : -1;
      }
    }
    return 0;
  }

  /** How the leaf's key compares with the target (a proper prefix sorts before). */
  private static int compareLeaf(Leaf l, byte[] t, int depth) {
    int c = compare(l.path, l.start, l.path.length, t, depth);
    return c == 0 && l.length() < t.length - depth ? -1 : c;
  }

  /** A leaf's entry; its path is not yet on {@code p}. */
  private static TrieEntry entry(Path p, Leaf l) {
    p.push(l.path, l.start, l.path.length);
    return new TrieEntry(p.key(), l.value);
  }

  /** The smallest entry below {@code n}, whose own path is not yet on {@code p}. */
  private static TrieEntry first(MerklePatriciaTrie trie, TrieNode n, Path p) {
    while (true) {
      if (n instanceof Leaf l) {
        return entry(p, l);
      }
      if (n instanceof Extension e) {
        p.push(e.path, e.start, e.end);
        n = trie.child(e);
        continue;
      }
      Branch b = (Branch) n;
      if (b.value != null) {
        return new TrieEntry(p.key(), b.value);
      }
      int i = 0;
      while (trie.child(b, i) == null) {
        i++;
      }
      p.push(i);
      n = trie.child(b, i);
    }
  }

  /** The greatest entry below {@code n}, whose own path is not yet on {@code p}. */
  private static TrieEntry last(MerklePatriciaTrie trie, TrieNode n, Path p) {
    while (true) {
      if (n instanceof Leaf l) {
        return entry(p, l);
      }
      if (n instanceof Extension e) {
        p.push(e.path, e.start, e.end);
        n = trie.child(e);
        continue;
      }
      Branch b = (Branch) n;
      int i = 15;
      while (i >= 0 && trie.child(b, i) == null) {
        i--;
      }
      if (i < 0) {
        return new TrieEntry(p.key(), b.value);
      }
      p.push(i);
      n = trie.child(b, i);
    }
  }
}
