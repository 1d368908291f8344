package io.opal.primitives.trie;

import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The yellow paper's definition of the trie root (appendix D: TRIE, c and n), written as directly
 * and slowly as possible, from a whole key set at once. It shares no code with the trie, so it
 * checks it independently on random inputs.
 */
final class ReferenceTrie {
  private ReferenceTrie() {}

  static Hash root(Map<byte[], byte[]> content) {
    List<byte[][]> items = new ArrayList<>();
    content.forEach((k, v) -> items.add(new byte[][] {nibbles(k), v}));
    if (items.isEmpty()) {
      return Hash.EMPTY_TRIE;
    }
    return Hash.wrap(Keccak256.hash(c(items, 0)));
  }

  private static byte[] nibbles(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] & 0xff) >>> 4);
      out[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return out;
  }

  /** n(J, i): nothing, the node itself if its RLP is short, else its hash. */
  private static void n(RlpWriter w, List<byte[][]> items, int i) {
    if (items.isEmpty()) {
      w.writeEmptyString();
      return;
    }
    byte[] node = c(items, i);
    if (node.length < 32) {
      w.writeRaw(node);
    } else {
      w.writeBytes(Keccak256.hash(node));
    }
  }

  /** c(J, i): the RLP of the node for the keys in J from nibble i on. */
  private static byte[] c(List<byte[][]> items, int i) {
    RlpWriter w = new RlpWriter();
    w.startList();
    if (items.size() == 1) {
      byte[] key = items.get(0)[0];
      w.writeBytes(hexPrefix(key, i, key.length, true));
      w.writeBytes(items.get(0)[1]);
      return w.endList().toByteArray();
    }
    int j = i;
    while (allShareNibble(items, j)) {
      j++;
    }
    if (j > i) {
      w.writeBytes(hexPrefix(items.get(0)[0], i, j, false));
      n(w, items, j);
      return w.endList().toByteArray();
    }
    byte[] value = new byte[0];
    for (int nib = 0; nib < 16; nib++) {
      List<byte[][]> group = new ArrayList<>();
      for (byte[][] item : items) {
        if (item[0].length > i && item[0][i] == nib) {
          group.add(item);
        }
      }
      n(w, group, i + 1);
    }
    for (byte[][] item : items) {
      if (item[0].length == i) {
        value = item[1];
      }
    }
    w.writeBytes(value);
    return w.endList().toByteArray();
  }

  private static boolean allShareNibble(List<byte[][]> items, int j) {
    byte[] first = items.get(0)[0];
    for (byte[][] item : items) {
      if (item[0].length <= j || first.length <= j || item[0][j] != first[j]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] hexPrefix(byte[] path, int from, int to, boolean leaf) {
    int length = to - from;
    int flag = (leaf ? 2 : 0) + (length % 2);
    List<Integer> nibs = new ArrayList<>();
    nibs.add(flag);
    if (length % 2 == 0) {
      nibs.add(0);
    }
    for (int k = from; k < to; k++) {
      nibs.add((int) path[k]);
    }
    byte[] out = new byte[nibs.size() / 2];
    for (int k = 0; k < out.length; k++) {
      out[k] = (byte) ((nibs.get(2 * k) << 4) | nibs.get(2 * k + 1));
    }
    return out;
  }
}
