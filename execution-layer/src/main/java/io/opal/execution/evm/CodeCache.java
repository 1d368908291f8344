package io.opal.execution.evm;

import io.opal.primitives.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Analysed code by code hash, least recently used evicted past a fixed number of entries. Shared by
 * every interpreter of the process; a lock guards the map (lookups are per call, not per
 * instruction, so contention is low).
 */
public final class CodeCache {
  private final Map<Hash, CodeAnalysis> map;

  public CodeCache(int maxEntries) {
    this.map =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, CodeAnalysis> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The analysis of {@code code}, whose hash is {@code codeHash}. */
  public CodeAnalysis get(Hash codeHash, byte[] code) {
    synchronized (map) {
      CodeAnalysis a = map.get(codeHash);
      if (a != null) {
        return a;
      }
    }
    CodeAnalysis a = CodeAnalysis.analyse(code);
    synchronized (map) {
      map.put(codeHash, a);
    }
    return a;
  }

  public int size() {
    synchronized (map) {
      return map.size();
    }
  }
}
