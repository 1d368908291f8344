package io.opal.primitives.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/tests TrieTests, one dynamic test per vector, none skipped: the root after applying the
 * inputs in order (a null value deletes), then the same content read back through {@link
 * MerklePatriciaTrie#get} and through a trie loaded lazily from the committed nodes; for
 * trietestnextprev, the ordered neighbours of each probe key.
 */
class TrieConformanceTest {

  @TestFactory
  Stream<DynamicTest> trieTests() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles("ethereum-tests/TrieTests")) {
      String fileName = file.getFileName().toString();
      boolean secure = fileName.contains("secureTrie") || fileName.contains("securetrie");
      boolean nextPrev = fileName.startsWith("trietestnextprev");
      JsonNode root = Fixtures.readJson(file);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode vector = e.getValue();
        String name = fileName + ":" + e.getKey();
        tests.add(DynamicTest.dynamicTest(name, () -> runVector(vector, secure, nextPrev)));
      }
    }
    assertTrue(tests.size() >= 26, "expected the whole TrieTests folder, found " + tests.size());
    return tests.stream();
  }

  private static void runVector(JsonNode vector, boolean secure, boolean nextPrev) {
    if (nextPrev) {
      runNextPrev(vector);
      return;
    }
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    // The final content, keyed as the trie stores it (hashed for secure tries).
    Map<Bytes, byte[]> expected = new HashMap<>();
    for (byte[][] op : operations(vector.get("in"))) {
      byte[] key = secure ? Keccak256.hash(op[0]) : op[0];
      if (op[1] == null) {
        trie.remove(key);
        expected.remove(Bytes.wrap(key));
      } else {
        trie.put(key, op[1]);
        if (op[1].length == 0) {
          expected.remove(Bytes.wrap(key));
        } else {
          expected.put(Bytes.wrap(key), op[1]);
        }
      }
    }
    Hash root = Hash.fromHex(vector.get("root").asText());
    assertEquals(root, trie.rootHash(), "root");
    for (Map.Entry<Bytes, byte[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), trie.get(e.getKey().toArrayUnsafe()).orElseThrow());
    }

    Map<Hash, byte[]> store = new HashMap<>();
    trie.commit(store::put);
    MerklePatriciaTrie loaded = MerklePatriciaTrie.fromSource(root, TrieNodeSource.of(store));
    assertEquals(root, loaded.rootHash(), "root of the lazily loaded trie");
    for (Map.Entry<Bytes, byte[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), loaded.get(e.getKey().toArrayUnsafe()).orElseThrow());
    }
    TreeMap<Bytes, byte[]> walked = new TreeMap<>();
    loaded.forEachEntry((k, v) -> walked.put(Bytes.wrap(k), v));
    assertEquals(expected.keySet(), walked.keySet(), "keys enumerated by the loaded trie");
  }

  /** "in" is a list of [key, value] pairs applied in order, or an object (any order works). */
  private static List<byte[][]> operations(JsonNode in) {
    List<byte[][]> ops = new ArrayList<>();
    if (in.isArray()) {
      for (JsonNode pair : in) {
        ops.add(new byte[][] {bytes(pair.get(0)), bytes(pair.get(1))});
      }
    } else {
      in.fields()
          .forEachRemaining(e -> ops.add(new byte[][] {text(e.getKey()), bytes(e.getValue())}));
    }
    return ops;
  }

  private static byte[] bytes(JsonNode node) {
    return node == null || node.isNull() ? null : text(node.asText());
  }

  /** Fixture strings are hex when prefixed with 0x, else the UTF-8 bytes of the text. */
  private static byte[] text(String s) {
    return s.startsWith("0x") ? Hex.decode(s) : s.getBytes(StandardCharsets.UTF_8);
  }

  /** Each key is stored with itself as value; each probe names the previous and next key. */
  private static void runNextPrev(JsonNode vector) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (JsonNode key : vector.get("in")) {
      byte[] k = text(key.asText());
      trie.put(k, k);
    }
    for (JsonNode probe : vector.get("tests")) {
      byte[] key = text(probe.get(0).asText());
      String what = "neighbours of '" + probe.get(0).asText() + "'";
      assertEquals(probe.get(1).asText(), keyText(trie.lowerEntry(key)), "previous: " + what);
      assertEquals(probe.get(2).asText(), keyText(trie.higherEntry(key)), "next: " + what);
    }
  }

  private static String keyText(Optional<TrieEntry> entry) {
    return entry.map(e -> new String(e.key(), StandardCharsets.UTF_8)).orElse("");
  }
}
