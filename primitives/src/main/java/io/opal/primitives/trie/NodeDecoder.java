package io.opal.primitives.trie;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.trie.TrieNode.Branch;
import io.opal.primitives.trie.TrieNode.Extension;
import io.opal.primitives.trie.TrieNode.Leaf;
import io.opal.primitives.trie.TrieNode.Unresolved;

/**
 * Parses a node's RLP (from a node store or a witness) into nodes. Children referenced by hash
 * become {@link Unresolved}; children embedded in the parent are parsed in place. Everything a
 * correct trie cannot contain is rejected with a {@link DecodingException}: wrong item counts, bad
 * hex-prefix flags or padding, empty leaf values or extension paths, references that are neither
 * 32-byte hashes nor embedded nodes shorter than 32 bytes.
 */
final class NodeDecoder {
  private NodeDecoder() {}

  /**
   * Decodes a stored node. Its reference is its hash, unless it is a root shorter than 32 bytes (a
   * trie's root is stored under its hash even when it would be embedded elsewhere).
   */
  static TrieNode decodeStored(byte[] rlp, Hash hash) {
    TrieNode node = decode(rlp, 0, rlp.length);
    node.ref = rlp.length < 32 ? rlp : hash.toArray();
    return node;
  }

  private static TrieNode decode(byte[] data, int offset, int length) {
    RlpReader outer = RlpReader.of(data, offset, length);
    int items = countItems(RlpReader.of(data, offset, length).enterList());
    RlpReader list = outer.enterList();
    outer.finish();
    TrieNode node;
    if (items == 17) {
      node = decodeBranch(data, list);
    } else if (items == 2) {
      node = decodeShortNode(data, list);
    } else {
      throw new DecodingException(offset, "a trie node has 2 or 17 items, got " + items);
    }
    node.stored = true;
    return node;
  }

  private static int countItems(RlpReader list) {
    int n = 0;
    while (list.hasNext()) {
      list.skip();
      n++;
    }
    return n;
  }

  private static Branch decodeBranch(byte[] data, RlpReader list) {
    TrieNode[] children = new TrieNode[16];
    for (int i = 0; i < 16; i++) {
      children[i] = readChild(data, list, true);
    }
    byte[] value = list.readBytes();
    return new Branch(children, value.length == 0 ? null : value);
  }

  private static TrieNode decodeShortNode(byte[] data, RlpReader list) {
    int pathAt = list.position();
    byte[] compact = list.readBytes();
    if (compact.length == 0) {
      throw new DecodingException(pathAt, "a trie node path has no hex-prefix flag");
    }
    int flag = (compact[0] & 0xff) >>> 4;
    if (flag > 3) {
      throw new DecodingException(pathAt, "hex-prefix flag " + flag + " is not 0..3");
    }
    boolean odd = (flag & 1) == 1;
    if (!odd && (compact[0] & 0x0f) != 0) {
      throw new DecodingException(pathAt, "hex-prefix padding nibble is not zero");
    }
    byte[] path = new byte[compact.length * 2 - (odd ? 1 : 2)];
    int p = 0;
    if (odd) {
      path[p++] = (byte) (compact[0] & 0x0f);
    }
    for (int i = 1; i < compact.length; i++) {
      path[p++] = (byte) ((compact[i] >> 4) & 0x0f);
      path[p++] = (byte) (compact[i] & 0x0f);
    }
    if (flag >= 2) {
      int valueAt = list.position();
      byte[] value = list.readBytes();
      if (value.length == 0) {
        throw new DecodingException(valueAt, "a trie leaf has an empty value");
      }
      return new Leaf(path, 0, value);
    }
    if (path.length == 0) {
      throw new DecodingException(pathAt, "a trie extension has an empty path");
    }
    int childAt = list.position();
    TrieNode child = readChild(data, list, false);
    if (child == null) {
      throw new DecodingException(childAt, "a trie extension has no child");
    }
    return new Extension(path, 0, path.length, child);
  }

  /** A child reference: empty (null; only in branches), a 32-byte hash, or an embedded node. */
  private static TrieNode readChild(byte[] data, RlpReader list, boolean mayBeEmpty) {
    int at = list.position();
    if (list.nextIsList()) {
      list.skip();
      int size = list.position() - at;
      if (size >= 32) {
        throw new DecodingException(at, "an embedded trie node must be shorter than 32 bytes");
      }
      TrieNode child = decode(data, at, size);
      child.ref = java.util.Arrays.copyOfRange(data, at, at + size);
      return child;
    }
    byte[] ref = list.readBytes();
    if (ref.length == 32) {
      return new Unresolved(Hash.wrap(ref));
    }
    if (ref.length == 0 && mayBeEmpty) {
      return null;
    }
    throw new DecodingException(at, "a trie child reference has " + ref.length + " bytes");
  }
}
