package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LruCacheTest {

  @Test
  void forgetsTheLeastRecentlyUsedEntryFirst() {
    LruCache<String, Integer> cache = new LruCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assertEquals(1, cache.get("a").orElseThrow()); // a is now more recent than b
    cache.put("c", 3);
    assertTrue(cache.get("b").isEmpty());
    assertEquals(1, cache.get("a").orElseThrow());
    assertEquals(3, cache.get("c").orElseThrow());
    assertEquals(2, cache.size());
  }

  @Test
  void zeroCapacityKeepsNothing() {
    LruCache<String, Integer> cache = new LruCache<>(0);
    cache.put("a", 1);
    assertTrue(cache.get("a").isEmpty());
  }
}
