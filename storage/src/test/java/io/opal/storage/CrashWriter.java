package io.opal.storage;

import io.opal.primitives.Hash;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The child process of {@link RocksDbCrashSafetyTest}: appends "blocks" to a store until it is
 * killed. Each block is one synced batch writing header, body, receipts, canonical entry, hash
 * index and, last in the batch, the head pointer naming it, just as the chain store will.
 *
 * <p>Protocol on stdout: {@code ready N} once open (N is the next block it will write), then {@code
 * committed N} after each commit returned.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    try (KeyValueStore store =
        RocksDbKeyValueStore.open(Path.of(args[0]), RocksDbKeyValueStoreTest.SMALL)) {
      long next = head(store).map(h -> h.number() + 1).orElse(0L);
      out.println("ready " + next);
      out.flush();
      while (true) {
        writeBlock(store, next);
        out.println("committed " + next);
        out.flush();
        next++;
      }
    }
  }

  static Optional<BlockKey> head(KeyValueReader store) {
    return store.get(Column.METADATA, Schema.MetaKey.UNSAFE_HEAD.key()).map(BlockKey::parse);
  }

  static void writeBlock(KeyValueStore store, long number) {
    BlockKey key = key(number);
    byte[] blockKey = key.toBytes();
    try (WriteBatch batch = store.newBatch()) {
      batch.put(Column.HEADERS, blockKey, header(number));
      batch.put(Column.BODIES, blockKey, body(number));
      batch.put(Column.RECEIPTS, blockKey, receipts(number));
      batch.put(Column.CANONICAL, Schema.numberKey(number), Schema.hashKey(key.hash()));
      batch.put(Column.HEADER_NUMBERS, Schema.hashKey(key.hash()), Schema.numberKey(number));
      batch.put(Column.METADATA, Schema.MetaKey.UNSAFE_HEAD.key(), blockKey);
      batch.commit(Durability.SYNCED);
    }
  }

  // Deterministic contents, so the test can tell a whole value from a torn or stale one.

  static BlockKey key(long number) {
    return new BlockKey(number, Hash.keccak(Schema.numberKey(number)));
  }

  static byte[] header(long number) {
    return content(number, 1, 200, 600);
  }

  /** Bodies are large so that a batch spans several pages of the write-ahead log. */
  static byte[] body(long number) {
    return content(number, 2, 2_000, 40_000);
  }

  static byte[] receipts(long number) {
    return content(number, 3, 100, 8_000);
  }

  private static byte[] content(long number, int kind, int minSize, int maxSize) {
    SplittableRandom random = new SplittableRandom(number * 31 + kind);
    byte[] out = new byte[minSize + random.nextInt(maxSize - minSize)];
    random.nextBytes(out);
    return out;
  }
}
