package io.opal.execution.store;

import io.opal.primitives.Hash;
import io.opal.primitives.trie.TrieNodeSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trie nodes read from the database, kept in memory: every block reloads the nodes on the paths to
 * the accounts and slots it changes, and most of them did not change since the last block. Nodes
 * are content-addressed, so a cached node is never stale.
 *
 * <p>Bounded by two generations of at most {@code generationBytes} each: when the current
 * generation is full it becomes the previous one (the older previous is dropped), and a hit in the
 * previous generation moves the node forward; an approximate LRU without per-read bookkeeping. Only
 * nodes read from the database are cached, never nodes of a batch not yet committed.
 *
 * <p>Thread-safe.
 */
final class TrieNodeCache {
  private final long generationBytes;
  private volatile ConcurrentHashMap<Hash, byte[]> current = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<Hash, byte[]> previous = new ConcurrentHashMap<>();
  private final AtomicLong currentBytes = new AtomicLong();

  TrieNodeCache(long generationBytes) {
    this.generationBytes = generationBytes;
  }

  /** {@code database} with this cache in front of it. */
  TrieNodeSource over(TrieNodeSource database) {
    return hash -> {
      byte[] node = current.get(hash);
      if (node != null) {
        return Optional.of(node);
      }
      node = previous.get(hash);
      if (node == null) {
        Optional<byte[]> loaded = database.node(hash);
        if (loaded.isEmpty()) {
          return loaded;
        }
        node = loaded.get();
      }
      put(hash, node);
      return Optional.of(node);
    };
  }

  private void put(Hash hash, byte[] node) {
    if (current.putIfAbsent(hash, node) == null
        && currentBytes.addAndGet(node.length + 96L) > generationBytes) {
      rotate();
    }
  }

  private synchronized void rotate() {
    if (currentBytes.get() <= generationBytes) {
      return; // another thread rotated first
    }
    previous = current;
    current = new ConcurrentHashMap<>();
    currentBytes.set(0);
  }
}
