package io.opal.primitives.trie;

import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpWriter;
import java.util.List;

/**
 * Roots of the lists a block header commits to (transactions, receipts, withdrawals): a trie in
 * which item {@code i} is stored under the key {@code rlp(i)}.
 */
public final class OrderedTrie {
  private OrderedTrie() {}

  /**
   * The root of the trie over {@code encodedItems}, each given as the trie stores it: a legacy
   * transaction or receipt as its RLP list, a typed one as {@code type || payload}.
   */
  public static Hash root(List<byte[]> encodedItems) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    int n = encodedItems.size();
    for (int i = 0; i < n; i++) {
      trie.put(RlpWriter.encodeLong(i), encodedItems.get(i));
    }
    return trie.rootHash();
  }
}
