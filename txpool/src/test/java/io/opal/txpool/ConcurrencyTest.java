package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the locking: RPC-like threads add (out of nonce order, raw and decoded) while a
 * builder takes best transactions, heads arrive and introspection runs.
 */
class ConcurrencyTest {
  private static final int ADDERS = 4;
  private static final int SENDERS_PER_ADDER = 6;
  private static final int NONCES = 20;

  @Test
  void concurrentAddsBuildsAndHeadsKeepThePoolConsistent() throws Exception {
    Harness h = new Harness();
    List<List<SignedTransaction>> work = new ArrayList<>();
    Random random = new Random(42);
    for (int t = 0; t < ADDERS; t++) {
      List<SignedTransaction> txs = new ArrayList<>();
      for (int s = 0; s < SENDERS_PER_ADDER; s++) {
        int key = 1 + t * SENDERS_PER_ADDER + s;
        for (int n = 0; n < NONCES; n++) {
          txs.add(Tx.dynamic(key).nonce(n).tip(1 + random.nextInt(500)).sign());
        }
      }
      Collections.shuffle(txs, random);
      work.add(txs);
    }
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean adding = new AtomicBoolean(true);
    AtomicInteger accepted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (List<SignedTransaction> txs : work) {
      threads.add(
          Thread.ofPlatform()
              .unstarted(
                  guard(
                      failures,
                      () -> {
                        start.await();
                        for (int i = 0; i < txs.size(); i++) {
                          SignedTransaction tx = txs.get(i);
                          AddResult r =
                              (i & 1) == 0
                                  ? h.pool.add(tx, TxOrigin.REMOTE)
                                  : h.pool.addRaw(TransactionCodec.encode(tx), TxOrigin.REMOTE);
                          r.orElseThrow();
                          accepted.incrementAndGet();
                        }
                      })));
    }
    Thread builder =
        Thread.ofPlatform()
            .unstarted(
                guard(
                    failures,
                    () -> {
                      start.await();
                      while (adding.get()) {
                        checkNonceOrder(h.pool.bestTransactions(UInt256.valueOf(Harness.BASE_FEE)));
                      }
                    }));
    Thread heads =
        Thread.ofPlatform()
            .unstarted(
                guard(
                    failures,
                    () -> {
                      start.await();
                      while (adding.get()) {
                        h.pool.onNewHead(h.head, h.state);
                        h.pool.content();
                        Thread.sleep(1);
                      }
                    }));
    threads.forEach(Thread::start);
    builder.start();
    heads.start();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    adding.set(false);
    builder.join();
    heads.join();
    assertTrue(failures.isEmpty(), () -> "failures: " + failures);
    int total = ADDERS * SENDERS_PER_ADDER * NONCES;
    assertEquals(total, accepted.get());
    assertEquals(new PoolStatus(total, 0), h.pool.status());
    Invariants.check(h.pool, h.state);
    List<PooledTransaction> all = new ArrayList<>();
    BestTransactions best = h.pool.bestTransactions(UInt256.valueOf(Harness.BASE_FEE));
    Optional<PooledTransaction> next;
    while ((next = best.next()).isPresent()) {
      all.add(next.get());
    }
    assertEquals(total, all.size());
    checkNonceOrder(h.pool.bestTransactions(UInt256.valueOf(Harness.BASE_FEE)));
  }

  /** Each sender's transactions come out in nonce order starting at nonce 0. */
  private static void checkNonceOrder(BestTransactions best) {
    Map<Address, Long> next = new HashMap<>();
    Optional<PooledTransaction> tx;
    while ((tx = best.next()).isPresent()) {
      long expected = next.getOrDefault(tx.get().sender(), 0L);
      assertEquals(expected, tx.get().nonce(), "nonce order of " + tx.get().sender());
      next.put(tx.get().sender(), expected + 1);
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  private static Runnable guard(ConcurrentLinkedQueue<Throwable> failures, Body body) {
    return () -> {
      try {
        body.run();
      } catch (Throwable t) {
        failures.add(t);
      }
    };
  }
}
