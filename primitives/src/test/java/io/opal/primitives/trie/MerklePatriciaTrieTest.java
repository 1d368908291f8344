package io.opal.primitives.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerklePatriciaTrieTest {

  /** Keys ordered as the trie orders them: unsigned bytes, a prefix first. */
  private static TreeMap<byte[], byte[]> model() {
    return new TreeMap<>(Arrays::compareUnsigned);
  }

  /** Short keys over a small alphabet, so keys share prefixes and some are prefixes of others. */
  private static byte[] randomKey(Random r) {
    byte[] k = new byte[r.nextInt(5)];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (r.nextInt(3) * 0x11 + (r.nextBoolean() ? 0x80 : 0));
    }
    return k;
  }

  /** Values from 1 to 40 bytes: some nodes are embedded in their parent, some hashed. */
  private static byte[] randomValue(Random r) {
    byte[] v = new byte[1 + r.nextInt(40)];
    r.nextBytes(v);
    return v;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomUpdatesMatchTheYellowPaperDefinition(long seed) {
    Random r = new Random(seed);
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    TreeMap<byte[], byte[]> model = model();
    for (int step = 0; step < 400; step++) {
      byte[] key = randomKey(r);
      if (r.nextInt(3) == 0) {
        trie.remove(key);
        model.remove(key);
      } else {
        byte[] value = randomValue(r);
        trie.put(key, value);
        model.put(key, value);
      }
      if (step % 7 == 0) {
        assertEquals(ReferenceTrie.root(model), trie.rootHash(), "root after step " + step);
      }
    }
    assertEquals(ReferenceTrie.root(model), trie.rootHash());
    for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
      assertArrayEquals(e.getValue(), trie.get(e.getKey()).orElseThrow());
    }
    List<byte[]> walked = new ArrayList<>();
    trie.forEachEntry((k, v) -> walked.add(k));
    assertEquals(model.size(), walked.size());
    int i = 0;
    for (byte[] k : model.keySet()) {
      assertArrayEquals(k, walked.get(i++), "keys come out in order");
    }
    for (byte[] k : new ArrayList<>(model.keySet())) {
      trie.remove(k);
    }
    assertEquals(Hash.EMPTY_TRIE, trie.rootHash());
    assertTrue(trie.isEmpty());
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void orderedSearchMatchesASortedMap(long seed) {
    Random r = new Random(seed);
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    TreeMap<byte[], byte[]> model = model();
    for (int i = 0; i < 60; i++) {
      byte[] key = randomKey(r);
      byte[] value = randomValue(r);
      trie.put(key, value);
      model.put(key, value);
    }
    for (int probe = 0; probe < 300; probe++) {
      byte[] key = randomKey(r);
      assertEquals(keyOf(model.higherKey(key)), keyOf(trie.higherEntry(key)), "higher");
      assertEquals(keyOf(model.lowerKey(key)), keyOf(trie.lowerEntry(key)), "lower");
    }
  }

  private static String keyOf(byte[] key) {
    return key == null ? "none" : Arrays.toString(key);
  }

  private static String keyOf(Optional<TrieEntry> entry) {
    return entry.map(e -> Arrays.toString(e.key())).orElse("none");
  }

  @Test
  void emptyKeyAndEmptyTrie() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    assertEquals(Hash.EMPTY_TRIE, trie.rootHash());
    assertEquals(Optional.empty(), trie.get(new byte[0]));
    trie.put(new byte[0], new byte[] {1});
    trie.put(new byte[] {0x12}, new byte[] {2});
    Map<byte[], byte[]> content = new LinkedHashMap<>();
    content.put(new byte[0], new byte[] {1});
    content.put(new byte[] {0x12}, new byte[] {2});
    assertEquals(ReferenceTrie.root(content), trie.rootHash());
    assertArrayEquals(new byte[] {1}, trie.get(new byte[0]).orElseThrow());
    trie.put(new byte[0], new byte[0]); // an empty value deletes
    assertEquals(Optional.empty(), trie.get(new byte[0]));
  }

  @Test
  void snapshotsEvolveIndependently() {
    MerklePatriciaTrie trie = secureLike(200, 1);
    Hash before = trie.rootHash();
    MerklePatriciaTrie snapshot = trie.snapshot();
    trie.put(Keccak256.hash(new byte[] {1}), new byte[] {9, 9});
    assertNotEquals(before, trie.rootHash());
    assertEquals(before, snapshot.rootHash());
    snapshot.remove(key(3));
    assertNotEquals(before, snapshot.rootHash());
    assertFalse(snapshot.get(Keccak256.hash(new byte[] {1})).isPresent());
    assertArrayEquals(value(3, 1), trie.get(key(3)).orElseThrow());
  }

  /** A trie of {@code n} entries keyed by keccak256(i), as the state trie is. */
  private static MerklePatriciaTrie secureLike(int n, int salt) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < n; i++) {
      trie.put(key(i), value(i, salt));
    }
    return trie;
  }

  private static byte[] key(int i) {
    return Keccak256.hash(new byte[] {(byte) (i >> 8), (byte) i});
  }

  private static byte[] value(int i, int salt) {
    byte[] v = new byte[1 + (i % 70)];
    Arrays.fill(v, (byte) (i + salt));
    return v;
  }

  @Test
  void loadsLazilyAndNamesAMissingNode() {
    MerklePatriciaTrie trie = secureLike(300, 1);
    Map<Hash, byte[]> store = new HashMap<>();
    int count = trie.commit(store::put);
    assertEquals(count, store.size());
    Hash root = trie.rootHash();

    MerklePatriciaTrie full = MerklePatriciaTrie.fromSource(root, TrieNodeSource.of(store));
    for (int i = 0; i < 300; i++) {
      assertArrayEquals(value(i, 1), full.get(key(i)).orElseThrow());
    }

    // Drop the node holding key 7's leaf: reading key 7 must fail naming it.
    List<byte[]> proof = trie.proof(key(7));
    Hash leafNode = Hash.keccak(proof.get(proof.size() - 1));
    Map<Hash, byte[]> partial = new HashMap<>(store);
    partial.remove(leafNode);
    MerklePatriciaTrie lazy = MerklePatriciaTrie.fromSource(root, TrieNodeSource.of(partial));
    MissingTrieNodeException e =
        assertThrows(MissingTrieNodeException.class, () -> lazy.get(key(7)));
    assertEquals(leafNode, e.hash());
    assertArrayEquals(value(8, 1), lazy.get(key(8)).orElseThrow(), "other keys still load");
  }

  @Test
  void proofsVerifyMembershipAndAbsence() {
    MerklePatriciaTrie trie = secureLike(500, 3);
    Hash root = trie.rootHash();
    for (int i : new int[] {0, 17, 499}) {
      MerklePatriciaTrie fromProof = fromNodes(root, trie.proof(key(i)));
      assertArrayEquals(value(i, 3), fromProof.get(key(i)).orElseThrow());
    }
    byte[] absent = key(1000);
    MerklePatriciaTrie fromProof = fromNodes(root, trie.proof(absent));
    assertEquals(Optional.empty(), fromProof.get(absent));
  }

  private static MerklePatriciaTrie fromNodes(Hash root, List<byte[]> nodes) {
    Map<Hash, byte[]> map = new HashMap<>();
    nodes.forEach(n -> map.put(Hash.keccak(n), n));
    return MerklePatriciaTrie.fromSource(root, TrieNodeSource.of(map));
  }

  @Test
  void commitHandsOutOnlyNewNodes() {
    MerklePatriciaTrie trie = secureLike(1000, 1);
    Map<Hash, byte[]> store = new HashMap<>();
    trie.commit(store::put);
    assertEquals(0, trie.commit(store::put), "nothing changed since the last commit");

    MerklePatriciaTrie loaded =
        MerklePatriciaTrie.fromSource(trie.rootHash(), TrieNodeSource.of(store));
    loaded.put(key(5), new byte[] {42});
    loaded.remove(key(6));
    Map<Hash, byte[]> written = new HashMap<>();
    int n = loaded.commit(written::put);
    assertTrue(n > 0 && n <= 16, "only the two changed paths are written, got " + n);
    store.putAll(written);

    trie.put(key(5), new byte[] {42});
    trie.remove(key(6));
    assertEquals(trie.rootHash(), loaded.rootHash());
    MerklePatriciaTrie reloaded =
        MerklePatriciaTrie.fromSource(loaded.rootHash(), TrieNodeSource.of(store));
    assertArrayEquals(new byte[] {42}, reloaded.get(key(5)).orElseThrow());
    assertFalse(reloaded.get(key(6)).isPresent());
    assertArrayEquals(value(7, 1), reloaded.get(key(7)).orElseThrow());
  }

  @Test
  void deletionLoadsTheSiblingItMergesWith() {
    // Two keys under one branch: deleting one merges the other into the parent's path, which
    // needs the other's node; a witness holding only the deleted key's path lacks it.
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[31] = 1;
    byte[] big = new byte[40];
    byte[] otherBig = new byte[41]; // distinct leaves, so a's witness cannot stand in for b's
    trie.put(a, big);
    trie.put(b, otherBig);
    Hash root = trie.rootHash();
    Map<Hash, byte[]> store = new HashMap<>();
    trie.commit(store::put);

    MerklePatriciaTrie complete = MerklePatriciaTrie.fromSource(root, TrieNodeSource.of(store));
    complete.remove(a);
    MerklePatriciaTrie expected = new MerklePatriciaTrie();
    expected.put(b, otherBig);
    assertEquals(expected.rootHash(), complete.rootHash());

    MerklePatriciaTrie witnessOnly = fromNodes(root, trie.proof(a));
    MissingTrieNodeException e =
        assertThrows(MissingTrieNodeException.class, () -> witnessOnly.remove(a));
    assertEquals(Hash.keccak(trie.proof(b).get(trie.proof(b).size() - 1)), e.hash());
  }

  @Test
  void rejectsNodesThatDoNotMatchTheirHash() {
    MerklePatriciaTrie trie = secureLike(50, 1);
    Hash root = trie.rootHash();
    byte[] other = secureLike(51, 1).proof(key(0)).get(0);
    MerklePatriciaTrie forged = MerklePatriciaTrie.fromSource(root, h -> Optional.of(other));
    assertThrows(DecodingException.class, () -> forged.get(key(0)));
  }

  @Test
  void rejectsMalformedNodesWithATypedError() {
    Hash root = Hash.keccak(new byte[] {1});
    byte[][] garbage = {
      {}, // not RLP
      {(byte) 0xc3, 1, 2, 3}, // three items
      {(byte) 0xc2, 0x40, 0x01}, // hex-prefix flag 4
      {(byte) 0xc2, 0x01, 0x01}, // even path with a non-zero pad nibble
      {(byte) 0xc2, 0x20, (byte) 0x80}, // leaf with an empty value
      {(byte) 0xc2, 0x00, (byte) 0x80}, // extension with an empty path and no child
      {(byte) 0xc3, 0x11, (byte) 0x81, (byte) 0x99}, // extension child of one byte
      {(byte) 0xd1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, (byte) 0x80},
    };
    for (byte[] node : garbage) {
      MerklePatriciaTrie t = MerklePatriciaTrie.fromTrustedSource(root, h -> Optional.of(node));
      assertThrows(DecodingException.class, () -> t.get(new byte[] {1}), Arrays.toString(node));
    }
  }
}
