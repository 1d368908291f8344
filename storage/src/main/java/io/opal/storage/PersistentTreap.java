package io.opal.storage;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * An immutable map from byte-array keys (unsigned order) to byte-array values: every update returns
 * a new map that shares all untouched nodes with the old one, in O(log n) expected time. This gives
 * the in-memory store snapshots for free (keep the old root) and atomic batches (publish the new
 * roots at once). A treap: a search tree on keys that is a max-heap on a priority derived from the
 * key's hash, which keeps it balanced in expectation without rebalancing bookkeeping.
 *
 * <p>The arrays it holds are never modified; callers copy on the way in and out.
 */
final class PersistentTreap {
  static final PersistentTreap EMPTY = new PersistentTreap(null);

  private record Node(byte[] key, byte[] value, int priority, Node left, Node right) {
    Node withLeft(Node newLeft) {
      return new Node(key, value, priority, newLeft, right);
    }

    Node withRight(Node newRight) {
      return new Node(key, value, priority, left, newRight);
    }
  }

  private final Node root;

  private PersistentTreap(Node root) {
    this.root = root;
  }

  boolean isEmpty() {
    return root == null;
  }

  /** The stored array itself (not a copy), or null. */
  byte[] get(byte[] key) {
    Node n = root;
    while (n != null) {
      int c = Arrays.compareUnsigned(key, n.key);
      if (c == 0) {
        return n.value;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  PersistentTreap put(byte[] key, byte[] value) {
    return new PersistentTreap(put(root, key, value, priority(key)));
  }

  PersistentTreap delete(byte[] key) {
    Node next = delete(root, key);
    return next == root ? this : new PersistentTreap(next);
  }

  /** Removes every key in {@code [from, toExclusive)}: two splits and a merge, O(log n). */
  PersistentTreap deleteRange(byte[] from, byte[] toExclusive) {
    Node[] low = split(root, from);
    Node[] high = split(low[1], toExclusive);
    return high[0] == null ? this : new PersistentTreap(merge(low[0], high[1]));
  }

  private static Node put(Node n, byte[] key, byte[] value, int priority) {
    if (n == null) {
      return new Node(key, value, priority, null, null);
    }
    int c = Arrays.compareUnsigned(key, n.key);
    if (c == 0) {
      return new Node(n.key, value, n.priority, n.left, n.right);
    }
    if (c < 0) {
      Node l = put(n.left, key, value, priority);
      // Only the new node can break the heap order, and only with its parent: rotate it up.
      return l.priority > n.priority ? l.withRight(n.withLeft(l.right)) : n.withLeft(l);
    }
    Node r = put(n.right, key, value, priority);
    return r.priority > n.priority ? r.withLeft(n.withRight(r.left)) : n.withRight(r);
  }

  private static Node delete(Node n, byte[] key) {
    if (n == null) {
      return null;
    }
    int c = Arrays.compareUnsigned(key, n.key);
    if (c == 0) {
      return merge(n.left, n.right);
    }
    if (c < 0) {
      Node l = delete(n.left, key);
      return l == n.left ? n : n.withLeft(l);
    }
    Node r = delete(n.right, key);
    return r == n.right ? n : n.withRight(r);
  }

  /** Splits into the keys below {@code key} and the keys at or above it. */
  private static Node[] split(Node n, byte[] key) {
    if (n == null) {
      return new Node[2];
    }
    if (Arrays.compareUnsigned(n.key, key) < 0) {
      Node[] r = split(n.right, key);
      r[0] = r[0] == n.right ? n : n.withRight(r[0]);
      return r;
    }
    Node[] l = split(n.left, key);
    l[1] = l[1] == n.left ? n : n.withLeft(l[1]);
    return l;
  }

  /** Joins two treaps where every key of {@code a} is below every key of {@code b}. */
  private static Node merge(Node a, Node b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.priority > b.priority ? a.withRight(merge(a.right, b)) : b.withLeft(merge(a, b.left));
  }

  private static int priority(byte[] key) {
    // Murmur3's finalizer spreads Arrays.hashCode, which is weak for short big-endian numbers.
    int h = Arrays.hashCode(key);
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  /** An in-order walk over the keys in {@code range}. */
  Cursor cursor(KeyRange range) {
    return new Cursor(root, range);
  }

  static final class Cursor {
    private final ArrayDeque<Node> path = new ArrayDeque<>();
    private final Optional<byte[]> end;

    private Cursor(Node root, KeyRange range) {
      this.end = range.end();
      byte[] start = range.start();
      Node n = root;
      // Push the nodes at or after start on the way down: their left subtrees are either below
      // start or pushed later, so the stack top is always the next key.
      while (n != null) {
        if (Arrays.compareUnsigned(n.key, start) >= 0) {
          path.push(n);
          n = n.left;
        } else {
          n = n.right;
        }
      }
    }

    boolean hasNext() {
      Node top = path.peek();
      return top != null && (end.isEmpty() || Arrays.compareUnsigned(top.key, end.get()) < 0);
    }

    /** Advances, handing out copies of the entry's arrays. */
    KeyValue next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Node n = path.pop();
      for (Node c = n.right; c != null; c = c.left) {
        path.push(c);
      }
      return new KeyValue(n.key.clone(), n.value.clone());
    }
  }
}
