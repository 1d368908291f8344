package io.opal.execution.engine;

/**
 * Tuning of the engine's build jobs.
 *
 * @param rootInterval a filling job brings the state root up to date after this many inclusions
 *     (smaller: less left for seal, more repeated hashing of the upper trie)
 * @param pollMillis how often a job whose pool ran dry asks for new transactions
 * @param codeCacheEntries contract analyses kept across blocks
 * @param parallelRecovery whether {@code insert} recovers senders on a helper thread (the common
 *     fork-join pool) while the block executes
 */
public record EngineOptions(
    int rootInterval, long pollMillis, int codeCacheEntries, boolean parallelRecovery) {
  public static final EngineOptions DEFAULT = new EngineOptions(256, 20, 1024, true);

  public EngineOptions {
    if (rootInterval < 1 || pollMillis < 1 || codeCacheEntries < 1) {
      throw new IllegalArgumentException("engine options must be positive");
    }
  }
}
