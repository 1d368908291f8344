package io.opal.consensus.l1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded map that forgets its least recently used entry first. For immutable data only (blocks,
 * headers and receipts by hash): an entry never needs invalidating. Thread-safe.
 */
final class LruCache<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, V> map;

  LruCache(int capacity) {
    this.capacity = capacity;
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > LruCache.this.capacity;
          }
        };
  }

  synchronized Optional<V> get(K key) {
    return Optional.ofNullable(map.get(key));
  }

  synchronized void put(K key, V value) {
    if (capacity > 0) {
      map.put(key, value);
    }
  }

  synchronized int size() {
    return map.size();
  }
}
