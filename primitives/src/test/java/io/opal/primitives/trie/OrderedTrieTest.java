package io.opal.primitives.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderedTrieTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 16, 127, 128, 129, 300})
  void rootMatchesTheYellowPaperDefinitionAcrossRlpKeyBoundaries(int size) {
    Random r = new Random(size);
    List<byte[]> items = new ArrayList<>();
    Map<byte[], byte[]> content = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      byte[] item = new byte[1 + r.nextInt(120)];
      r.nextBytes(item);
      items.add(item);
      content.put(RlpWriter.encodeLong(i), item);
    }
    Hash expected = size == 0 ? Hash.EMPTY_TRIE : ReferenceTrie.root(content);
    assertEquals(expected, OrderedTrie.root(items));
  }
}
