package io.opal.storage;

import static io.opal.storage.KeyValueStoreContractTest.b;
import static io.opal.storage.KeyValueStoreContractTest.scan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Randomized and concurrent checks of the {@link KeyValueStore} contract, run against every
 * implementation: a sorted-map model, readers racing a writer, and readers racing close.
 */
abstract class KeyValueStoreStressTest {
  private static final int[] ALPHABET = {0x00, 0x01, 0x7f, 0x80, 0xff};

  protected KeyValueStore store;

  protected abstract KeyValueStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Short keys over bytes that straddle the signed/unsigned boundary, so orders would differ. */
  private static byte[] randomKey(Random random) {
    byte[] key = new byte[random.nextInt(4)];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return key;
  }

  private static TreeMap<byte[], byte[]> newModel() {
    return new TreeMap<>(Arrays::compareUnsigned);
  }

  @Test
  void randomizedOperationsMatchASortedMapModel() {
    Random random = new Random(0x5eed);
    TreeMap<byte[], byte[]> model = newModel();
    TreeMap<byte[], byte[]> frozenModel = null;
    Snapshot frozen = null;
    for (int round = 0; round < 400; round++) {
      try (WriteBatch batch = store.newBatch()) {
        int ops = 1 + random.nextInt(12);
        for (int i = 0; i < ops; i++) {
          applyRandomOp(random, batch, model, round);
        }
        batch.commit();
      }
      byte[] probe = randomKey(random);
      assertArrayEquals(model.get(probe), store.get(Column.STORAGE, probe).orElse(null));
      byte[] from = randomKey(random);
      byte[] to = randomKey(random);
      if (Arrays.compareUnsigned(from, to) > 0) {
        byte[] swap = from;
        from = to;
        to = swap;
      }
      assertEquals(
          expected(model.subMap(from, to)),
          scan(store, Column.STORAGE, KeyRange.between(from, to)));
      byte[] prefix = randomKey(random);
      assertEquals(
          expectedPrefix(model, prefix), scan(store, Column.STORAGE, KeyRange.prefix(prefix)));
      if (round == 100) {
        frozen = store.snapshot();
        frozenModel = new TreeMap<>(model);
      }
    }
    assertEquals(expected(model), scan(store, Column.STORAGE, KeyRange.all()));
    assertEquals(expected(frozenModel), scan(frozen, Column.STORAGE, KeyRange.all()));
    frozen.close();
  }

  private static void applyRandomOp(
      Random random, WriteBatch batch, TreeMap<byte[], byte[]> model, int round) {
    int kind = random.nextInt(10);
    byte[] key = randomKey(random);
    if (kind < 6) {
      byte[] value = b(round, random.nextInt(256));
      batch.put(Column.STORAGE, key, value);
      model.put(key, value);
    } else if (kind < 9) {
      batch.delete(Column.STORAGE, key);
      model.remove(key);
    } else {
      byte[] other = randomKey(random);
      byte[] from = Arrays.compareUnsigned(key, other) <= 0 ? key : other;
      byte[] to = from == key ? other : key;
      batch.deleteRange(Column.STORAGE, from, to);
      model.subMap(from, to).clear();
    }
  }

  private static List<KeyValue> expected(Map<byte[], byte[]> entries) {
    List<KeyValue> out = new ArrayList<>();
    entries.forEach((k, v) -> out.add(new KeyValue(k, v)));
    return out;
  }

  private static List<KeyValue> expectedPrefix(TreeMap<byte[], byte[]> model, byte[] prefix) {
    List<KeyValue> out = new ArrayList<>();
    model
        .tailMap(prefix)
        .forEach(
            (k, v) -> {
              if (k.length >= prefix.length
                  && Arrays.equals(Arrays.copyOf(k, prefix.length), prefix)) {
                out.add(new KeyValue(k, v));
              }
            });
    return out;
  }

  @Test
  void concurrentReadersOnlyEverSeeWholeBatches() throws Exception {
    int commits = 1500;
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    byte[] x = b('x');
    Runnable reader =
        () -> {
          long lastLive = 0;
          try {
            while (!done.get()) {
              try (Snapshot snapshot = store.snapshot()) {
                long header = version(snapshot.get(Column.HEADERS, x));
                long body = version(snapshot.get(Column.BODIES, x));
                assertEquals(header, body, "a snapshot saw half a batch");
                List<KeyValue> chain = scan(snapshot, Column.CANONICAL, KeyRange.all());
                assertEquals(header, chain.size(), "canonical entries disagree with the header");
              }
              long live = version(store.get(Column.HEADERS, x));
              assertTrue(live >= lastLive, "the live store went back in time");
              lastLive = live;
              try (KeyValueIterator it = store.iterator(Column.CANONICAL, KeyRange.all())) {
                long expectedNext = 1;
                while (it.hasNext()) {
                  assertEquals(expectedNext++, Schema.numberFromKey(it.next().key()));
                }
                assertTrue(expectedNext - 1 >= live, "an iterator missed committed entries");
              }
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        };
    List<Thread> readers = List.of(new Thread(reader), new Thread(reader));
    readers.forEach(Thread::start);
    for (long i = 1; i <= commits; i++) {
      try (WriteBatch batch = store.newBatch()) {
        batch.put(Column.HEADERS, x, Schema.encodeUint64(i));
        batch.put(Column.CANONICAL, Schema.numberKey(i), b(1));
        batch.put(Column.BODIES, x, Schema.encodeUint64(i));
        batch.commit();
      }
    }
    done.set(true);
    for (Thread thread : readers) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("a reader failed", failure.get());
    }
    assertEquals(commits, version(store.get(Column.BODIES, x)));
  }

  private static long version(Optional<byte[]> value) {
    return value.map(v -> Schema.decodeUint64(v, "version")).orElse(0L);
  }

  @Test
  void closingWhileOthersReadFailsTheirCallsCleanly() throws Exception {
    try (WriteBatch batch = store.newBatch()) {
      for (int i = 0; i < 200; i++) {
        batch.put(Column.CODE, Schema.numberKey(i), new byte[64]);
      }
      batch.commit();
    }
    CountDownLatch running = new CountDownLatch(2);
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    Runnable reader =
        () -> {
          Snapshot snapshot = store.snapshot();
          running.countDown();
          try {
            while (true) {
              store.get(Column.CODE, Schema.numberKey(7));
              try (KeyValueIterator it = snapshot.iterator(Column.CODE, KeyRange.all())) {
                while (it.hasNext()) {
                  it.next();
                }
              }
            }
          } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.CLOSED) {
              unexpected.compareAndSet(null, e);
            }
          } catch (Throwable t) {
            unexpected.compareAndSet(null, t);
          } finally {
            snapshot.close();
          }
        };
    List<Thread> readers = List.of(new Thread(reader), new Thread(reader));
    readers.forEach(Thread::start);
    running.await();
    Thread.sleep(50);
    store.close();
    for (Thread thread : readers) {
      thread.join(10_000);
      assertTrue(!thread.isAlive(), "a reader kept running after close");
    }
    assertNull(unexpected.get(), () -> "a reader failed with " + unexpected.get());
  }
}
