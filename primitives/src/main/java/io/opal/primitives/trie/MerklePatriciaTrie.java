package io.opal.primitives.trie;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.trie.TrieNode.Branch;
import io.opal.primitives.trie.TrieNode.Extension;
import io.opal.primitives.trie.TrieNode.Leaf;
import io.opal.primitives.trie.TrieNode.Unresolved;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The Ethereum Merkle-Patricia trie (yellow paper, appendix D), in memory, optionally backed by a
 * {@link TrieNodeSource} from which nodes referenced by hash are loaded when first touched.
 *
 * <p>Updates copy the nodes on the path to the changed key and leave the rest shared, so {@link
 * #snapshot()} is O(1) and {@link #rootHash()} re-hashes only the paths changed since the last call
 * (every node caches its reference). Keys are byte strings of any length; an empty value deletes,
 * as in every Ethereum client.
 *
 * <p>Arrays passed in and handed out are shared, not copied: callers must not modify them.
 *
 * <p>Not thread-safe, and snapshots share memoized nodes: use a trie and its snapshots from one
 * thread at a time.
 */
public final class MerklePatriciaTrie {
  private final TrieNodeSource source;
  private final boolean verifyNodes;
  private final NodeEncoder encoder = new NodeEncoder();
  private TrieNode root;

  /** An empty trie held entirely in memory. */
  public MerklePatriciaTrie() {
    this(null, TrieNodeSource.NONE, true);
  }

  private MerklePatriciaTrie(TrieNode root, TrieNodeSource source, boolean verifyNodes) {
    this.root = root;
    this.source = source;
    this.verifyNodes = verifyNodes;
  }

  /**
   * The trie with root {@code rootHash} whose nodes are loaded from {@code source} when needed.
   * Each loaded node is checked to hash to the hash it was asked for (use this for witnesses and
   * proofs); an operation that needs a node the source lacks throws {@link
   * MissingTrieNodeException}.
   */
  public static MerklePatriciaTrie fromSource(Hash rootHash, TrieNodeSource source) {
    return new MerklePatriciaTrie(rootNode(rootHash), source, true);
  }

  /**
   * Like {@link #fromSource} but trusts the source to return the right node for each hash (a
   * database this node wrote itself), saving one keccak256 per loaded node.
   */
  public static MerklePatriciaTrie fromTrustedSource(Hash rootHash, TrieNodeSource source) {
    return new MerklePatriciaTrie(rootNode(rootHash), source, false);
  }

  private static TrieNode rootNode(Hash rootHash) {
    return rootHash.equals(Hash.EMPTY_TRIE) ? null : new Unresolved(rootHash);
  }

  /** A trie with the same content that evolves independently of this one (O(1)). */
  public MerklePatriciaTrie snapshot() {
    return new MerklePatriciaTrie(root, source, verifyNodes);
  }

  public boolean isEmpty() {
    return root == null;
  }

  /** The root hash; {@link Hash#EMPTY_TRIE} for an empty trie. */
  public Hash rootHash() {
    TrieNode r = root;
    return r == null ? Hash.EMPTY_TRIE : Hash.wrap(encoder.hash(r));
  }

  // --- reads -----------------------------------------------------------------------------------

  public Optional<byte[]> get(byte[] key) {
    int keyLength = key.length * 2;
    int pos = 0;
    TrieNode n = resolvedRoot();
    while (n != null) {
      if (n instanceof Branch b) {
        if (pos == keyLength) {
          return Optional.ofNullable(b.value);
        }
        n = child(b, nibble(key, pos++));
      } else if (n instanceof Extension e) {
        if (keyLength - pos < e.length() || !matches(e.path, e.start, e.end, key, pos)) {
          return Optional.empty();
        }
        pos += e.length();
        n = child(e);
      } else {
        Leaf l = (Leaf) n;
        boolean hit =
            l.length() == keyLength - pos && matches(l.path, l.start, l.path.length, key, pos);
        return hit ? Optional.of(l.value) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static int nibble(byte[] key, int i) {
    int b = key[i >> 1];
    return (i & 1) == 0 ? (b >> 4) & 0x0f : b & 0x0f;
  }

  /** Whether {@code path[from..to)} equals the nibbles of {@code key} from nibble {@code pos}. */
  private static boolean matches(byte[] path, int from, int to, byte[] key, int pos) {
    for (int i = from; i < to; i++) {
      if (path[i] != nibble(key, pos++)) {
        return false;
      }
    }
    return true;
  }

  // --- updates ---------------------------------------------------------------------------------

  /** Sets {@code key} to {@code value}; an empty value removes the key. */
  public void put(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    if (value.length == 0) {
      remove(key);
      return;
    }
    root = insert(resolvedRoot(), Nibbles.of(key), 0, value);
  }

  /** Removes {@code key} if present. */
  public void remove(byte[] key) {
    TrieNode r = resolvedRoot();
    if (r != null) {
      root = delete(r, Nibbles.of(key), 0);
    }
  }

  /** Inserts into the subtree {@code n} (already resolved) the key {@code k[pos..]}. */
  private TrieNode insert(TrieNode n, byte[] k, int pos, byte[] value) {
    if (n == null) {
      return new Leaf(k, pos, value);
    }
    if (n instanceof Branch b) {
      if (pos == k.length) {
        // The children array is shared: only an unresolved child is ever replaced in it.
        return Arrays.equals(b.value, value) ? b : new Branch(b.children, value);
      }
      int nib = k[pos];
      TrieNode old = child(b, nib);
      TrieNode updated = insert(old, k, pos + 1, value);
      if (updated == old) {
        return b;
      }
      TrieNode[] children = b.children.clone();
      children[nib] = updated;
      return new Branch(children, b.value);
    }
    if (n instanceof Extension e) {
      return insertIntoExtension(e, k, pos, value);
    }
    Leaf l = (Leaf) n;
    int remaining = k.length - pos;
    int common = Nibbles.commonPrefix(l.path, l.start, l.path.length, k, pos, k.length);
    if (common == l.length() && common == remaining) {
      return Arrays.equals(l.value, value) ? l : new Leaf(l.path, l.start, value);
    }
    TrieNode[] children = new TrieNode[16];
    byte[] branchValue = null;
    if (common == l.length()) {
      branchValue = l.value;
    } else {
      children[l.path[l.start + common]] = new Leaf(l.path, l.start + common + 1, l.value);
    }
    if (common == remaining) {
      branchValue = value;
    } else {
      children[k[pos + common]] = new Leaf(k, pos + common + 1, value);
    }
    Branch branch = new Branch(children, branchValue);
    return common == 0 ? branch : new Extension(k, pos, pos + common, branch);
  }

  private TrieNode insertIntoExtension(Extension e, byte[] k, int pos, byte[] value) {
    int common = Nibbles.commonPrefix(e.path, e.start, e.end, k, pos, k.length);
    if (common == e.length()) {
      TrieNode old = child(e);
      TrieNode updated = insert(old, k, pos + common, value);
      return updated == old ? e : new Extension(e.path, e.start, e.end, updated);
    }
    // The key leaves the extension's path after `common` nibbles: split it around a new branch.
    TrieNode[] children = new TrieNode[16];
    byte[] branchValue = null;
    int extensionNibble = e.path[e.start + common];
    children[extensionNibble] =
        common + 1 == e.length()
            ? e.child
            : new Extension(e.path, e.start + common + 1, e.end, e.child);
    if (pos + common == k.length) {
      branchValue = value;
    } else {
      children[k[pos + common]] = new Leaf(k, pos + common + 1, value);
    }
    Branch branch = new Branch(children, branchValue);
    return common == 0 ? branch : new Extension(e.path, e.start, e.start + common, branch);
  }

  /** Deletes {@code k[pos..]} from the subtree {@code n}; returns {@code n} itself if absent. */
  private TrieNode delete(TrieNode n, byte[] k, int pos) {
    if (n instanceof Branch b) {
      if (pos == k.length) {
        return b.value == null ? b : collapse(b.children, null);
      }
      int nib = k[pos];
      TrieNode old = child(b, nib);
      if (old == null) {
        return b;
      }
      TrieNode updated = delete(old, k, pos + 1);
      if (updated == old) {
        return b;
      }
      TrieNode[] children = b.children.clone();
      children[nib] = updated;
      return collapse(children, b.value);
    }
    if (n instanceof Extension e) {
      if (k.length - pos < e.length()
          || Nibbles.commonPrefix(e.path, e.start, e.end, k, pos, k.length) != e.length()) {
        return e;
      }
      TrieNode old = child(e);
      TrieNode updated = delete(old, k, pos + e.length());
      return updated == old ? e : joinPath(e.path, e.start, e.end, updated);
    }
    Leaf l = (Leaf) n;
    boolean hit =
        l.length() == k.length - pos
            && Nibbles.commonPrefix(l.path, l.start, l.path.length, k, pos, k.length) == l.length();
    return hit ? null : l;
  }

  /** A branch after a deletion: kept if two entries remain, else merged into a short node. */
  private TrieNode collapse(TrieNode[] children, byte[] value) {
    int count = 0;
    int only = -1;
    for (int i = 0; i < 16; i++) {
      if (children[i] != null) {
        count++;
        only = i;
      }
    }
    if (count + (value == null ? 0 : 1) >= 2) {
      return new Branch(children, value);
    }
    if (count == 0) {
      return value == null ? null : new Leaf(Nibbles.EMPTY, 0, value);
    }
    // The remaining child must be loaded: its path absorbs the nibble that led to it.
    TrieNode c = resolve(children[only], false);
    return joinPath(new byte[] {(byte) only}, 0, 1, c);
  }

  /** The node reached by {@code path[from..to)} followed by {@code child}, merged if short. */
  private static TrieNode joinPath(byte[] path, int from, int to, TrieNode child) {
    if (child instanceof Leaf l) {
      return new Leaf(Nibbles.concat(path, from, to, l.path, l.start, l.path.length), 0, l.value);
    }
    if (child instanceof Extension e) {
      byte[] joined = Nibbles.concat(path, from, to, e.path, e.start, e.end);
      return new Extension(joined, 0, joined.length, e.child);
    }
    return new Extension(path, from, to, child);
  }

  // --- node loading ----------------------------------------------------------------------------

  TrieNode resolvedRoot() {
    TrieNode r = root;
    if (r instanceof Unresolved) {
      r = resolve(r, true);
      root = r;
    }
    return r;
  }

  /** Child {@code i} of {@code b}, loaded (and memoized in {@code b}) if it was unresolved. */
  TrieNode child(Branch b, int i) {
    TrieNode c = b.children[i];
    if (c instanceof Unresolved) {
      c = resolve(c, false);
      b.children[i] = c;
    }
    return c;
  }

  TrieNode child(Extension e) {
    TrieNode c = e.child;
    if (c instanceof Unresolved) {
      c = resolve(c, false);
      e.child = c;
    }
    return c;
  }

  private TrieNode resolve(TrieNode node, boolean isRoot) {
    if (!(node instanceof Unresolved u)) {
      return node;
    }
    byte[] rlp = source.node(u.hash).orElseThrow(() -> new MissingTrieNodeException(u.hash));
    if (verifyNodes && !Arrays.equals(Keccak256.hash(rlp), u.ref)) {
      throw new DecodingException(-1, "trie node " + u.hash + " does not hash to its key");
    }
    if (!isRoot && rlp.length < 32) {
      throw new DecodingException(
          -1, "trie node " + u.hash + " is under 32 bytes yet not embedded");
    }
    try {
      return NodeDecoder.decodeStored(rlp, u.hash);
    } catch (DecodingException e) {
      throw new DecodingException(e.offset(), "trie node " + u.hash + ": " + e.reason(), e);
    }
  }

  // --- node enumeration ------------------------------------------------------------------------

  /**
   * Hands every node that is not yet in the node store to {@code sink} as (hash, RLP) — the nodes a
   * database must write for this root to be loadable — and marks them stored. Nodes embedded in
   * their parent are not handed out separately; the root always is. Returns the number of nodes
   * handed out.
   */
  public int commit(BiConsumer<Hash, byte[]> sink) {
    if (root == null) {
      return 0;
    }
    encoder.ref(root);
    return visit(root, true, true, sink);
  }

  /**
   * Hands every node held in memory (loaded or created, stored or not) to {@code sink} as (hash,
   * RLP); nodes not yet loaded from the source are skipped. After a stateless execution, these are
   * the nodes it touched.
   */
  public void forEachNode(BiConsumer<Hash, byte[]> sink) {
    if (root != null) {
      encoder.ref(root);
      visit(root, true, false, sink);
    }
  }

  private int visit(TrieNode n, boolean isRoot, boolean onlyUnstored, BiConsumer<Hash, byte[]> s) {
    if (n == null || n instanceof Unresolved || (onlyUnstored && n.stored)) {
      return 0;
    }
    int count = 0;
    if (n instanceof Extension e) {
      count += visit(e.child, false, onlyUnstored, s);
    } else if (n instanceof Branch b) {
      for (TrieNode c : b.children) {
        count += visit(c, false, onlyUnstored, s);
      }
    }
    if (isRoot || n.ref.length == 32) {
      s.accept(Hash.wrap(encoder.hash(n)), encoder.encode(n));
      count++;
    }
    if (onlyUnstored) {
      n.stored = true;
    }
    return count;
  }

  /**
   * The Merkle proof of {@code key} (present or not): the RLP of each node on its path that is
   * referenced by hash, root first — what {@code eth_getProof} returns. A trie built with {@link
   * #fromSource} over these nodes answers {@link #get} for the key.
   */
  public List<byte[]> proof(byte[] key) {
    List<byte[]> nodes = new ArrayList<>();
    TrieNode n = resolvedRoot();
    if (n == null) {
      return nodes;
    }
    encoder.ref(n);
    int keyLength = key.length * 2;
    int pos = 0;
    boolean isRoot = true;
    while (n != null) {
      if (isRoot || n.ref.length == 32) {
        nodes.add(encoder.encode(n));
      }
      isRoot = false;
      if (n instanceof Branch b) {
        n = pos == keyLength ? null : child(b, nibble(key, pos++));
      } else if (n instanceof Extension e) {
        boolean onPath = keyLength - pos >= e.length() && matches(e.path, e.start, e.end, key, pos);
        pos += e.length();
        n = onPath ? child(e) : null;
      } else {
        n = null;
      }
    }
    return nodes;
  }

  // --- ordered access --------------------------------------------------------------------------

  /** Every (key, value) in ascending key order, loading nodes as needed. */
  public void forEachEntry(BiConsumer<byte[], byte[]> action) {
    OrderedWalk.forEach(this, resolvedRoot(), action);
  }

  /** The entry with the smallest key strictly greater than {@code key}. */
  public Optional<TrieEntry> higherEntry(byte[] key) {
    return Optional.ofNullable(OrderedWalk.higher(this, resolvedRoot(), Nibbles.of(key)));
  }

  /** The entry with the greatest key strictly less than {@code key}. */
  public Optional<TrieEntry> lowerEntry(byte[] key) {
    return Optional.ofNullable(OrderedWalk.lower(this, resolvedRoot(), Nibbles.of(key)));
  }
}
