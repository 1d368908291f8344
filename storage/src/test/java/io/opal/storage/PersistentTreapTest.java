package io.opal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The treap behind the in-memory store, against {@link TreeMap} on a larger key space. */
class PersistentTreapTest {

  private static byte[] key(Random random) {
    byte[] key = new byte[1 + random.nextInt(3)];
    random.nextBytes(key);
    return key;
  }

  private static List<String> walk(PersistentTreap treap, KeyRange range) {
    List<String> out = new ArrayList<>();
    PersistentTreap.Cursor cursor = treap.cursor(range);
    while (cursor.hasNext()) {
      KeyValue entry = cursor.next();
      out.add(io.opal.primitives.Hex.encodePlain(entry.key()) + "=" + entry.value()[0]);
    }
    return out;
  }

  private static List<String> walk(Map<byte[], byte[]> model) {
    List<String> out = new ArrayList<>();
    model.forEach((k, v) -> out.add(io.opal.primitives.Hex.encodePlain(k) + "=" + v[0]));
    return out;
  }

  @Test
  void matchesASortedMapAndOldVersionsNeverChange() {
    Random random = new Random(42);
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    PersistentTreap treap = PersistentTreap.EMPTY;
    List<PersistentTreap> versions = new ArrayList<>();
    List<List<String>> versionContents = new ArrayList<>();
    for (int step = 0; step < 20_000; step++) {
      byte[] key = key(random);
      int op = random.nextInt(20);
      if (op < 13) {
        byte[] value = {(byte) step};
        treap = treap.put(key, value);
        model.put(key, value);
      } else if (op < 19) {
        treap = treap.delete(key);
        model.remove(key);
      } else {
        // Mostly prefix-sized ranges: random wide ones would keep the map too small to matter.
        byte[] to =
            KeyRange.prefixEnd(key).orElse(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0});
        treap = treap.deleteRange(key, to);
        model.subMap(key, to).clear();
      }
      byte[] probe = key(random);
      assertArrayEquals(model.get(probe), treap.get(probe));
      if (step % 2_000 == 0) {
        assertEquals(walk(model), walk(treap, KeyRange.all()));
        versions.add(treap);
        versionContents.add(walk(model));
      }
    }
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(versionContents.get(i), walk(versions.get(i), KeyRange.all()), "version " + i);
    }
    byte[] from = {0x40};
    byte[] to = {(byte) 0x90, 0x01};
    assertEquals(walk(model.subMap(from, to)), walk(treap, KeyRange.between(from, to)));
    assertTrue(model.size() > 1000, "the walk should cover a large map, got " + model.size());
  }

  @Test
  void removingAbsentKeysReturnsTheSameMap() {
    PersistentTreap treap = PersistentTreap.EMPTY.put(new byte[] {1}, new byte[] {1});
    assertSame(treap, treap.delete(new byte[] {2}));
    assertSame(treap, treap.deleteRange(new byte[] {2}, new byte[] {3}));
    assertTrue(treap.delete(new byte[] {1}).isEmpty());
  }
}
