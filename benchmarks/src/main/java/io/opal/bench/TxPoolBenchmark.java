package io.opal.bench;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.txpool.HeadContext;
import io.opal.txpool.L1CostFunction;
import io.opal.txpool.PoolAccount;
import io.opal.txpool.PoolConfig;
import io.opal.txpool.PoolJournal;
import io.opal.txpool.TransactionPool;
import io.opal.txpool.TxOrigin;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transaction ingestion: {@code TransactionPool.addRaw} of pre-signed EIP-1559 transfers as {@code
 * eth_sendRawTransaction} delivers them, so each operation includes decoding, hashing, sender
 * recovery, the state checks and insertion. Single-threaded into a fresh pool per batch, and two
 * threads adding into one shared pool (the lock's contention).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TxPoolBenchmark {
  static final long CHAIN_ID = 10;
  static final int SENDERS = 64;
  static final int NONCES = 16;
  static final int BATCH = SENDERS * NONCES;

  static byte[] key(int i) {
    return Keccak256.hash(("opal-bench-" + i).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] transfer(int senderKey, long nonce) {
    DynamicFeeTransaction body =
        new DynamicFeeTransaction(
            CHAIN_ID,
            nonce,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(30_000_000_000L),
            21_000,
            Optional.of(Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
            UInt256.valueOf(1_000_000_000_000L),
            Bytes.EMPTY,
            List.of(),
            0,
            UInt256.ONE,
            UInt256.ONE);
    return TransactionCodec.encode(TransactionSigner.sign(body, key(senderKey)));
  }

  /** Each sender funded with 1000 ETH at nonce 0. */
  static Map<Address, PoolAccount> fundedAccounts(int firstKey, int count) {
    Map<Address, PoolAccount> accounts = new ConcurrentHashMap<>();
    UInt256 balance = UInt256.valueOf(1_000_000_000_000_000_000L).multiply(1000);
    for (int k = firstKey; k < firstKey + count; k++) {
      accounts.put(Secp256k1.get().address(key(k)), new PoolAccount(0, balance, false));
    }
    return accounts;
  }

  static TransactionPool newPool(Map<Address, PoolAccount> accounts, int slots) {
    HeadContext head =
        new HeadContext(
            1,
            Hash.keccak(new byte[] {1}),
            1_000,
            30_000_000,
            UInt256.valueOf(1_000_000),
            OpFork.JOVIAN,
            L1CostFunction.ZERO);
    PoolConfig config = PoolConfig.defaults(CHAIN_ID).withLimits(slots, slots, 64, 1024);
    return new TransactionPool(
        config,
        head,
        a -> accounts.getOrDefault(a, PoolAccount.EMPTY),
        PoolJournal.NONE,
        InstantSource.system());
  }

  /** One thread, a fresh pool for every batch of 64 senders × 16 nonces. */
  @State(Scope.Thread)
  public static class Single {
    byte[][] envelopes;
    Map<Address, PoolAccount> accounts;
    TransactionPool pool;

    @Setup(Level.Trial)
    public void sign() {
      accounts = fundedAccounts(0, SENDERS);
      envelopes = new byte[BATCH][];
      for (int n = 0; n < NONCES; n++) {
        for (int s = 0; s < SENDERS; s++) {
          envelopes[n * SENDERS + s] = transfer(s, n);
        }
      }
    }

    @Setup(Level.Invocation)
    public void freshPool() {
      pool = newPool(accounts, 8192);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int addRaw(Single s) {
    int accepted = 0;
    for (byte[] envelope : s.envelopes) {
      if (s.pool.addRaw(envelope, TxOrigin.REMOTE).isAccepted()) {
        accepted++;
      }
    }
    if (accepted != BATCH) {
      throw new IllegalStateException("only " + accepted + " of " + BATCH + " accepted");
    }
    return accepted;
  }

  /** The pool both threads add to, emptied before every invocation. */
  @State(Scope.Benchmark)
  public static class Shared {
    Map<Address, PoolAccount> accounts;
    volatile TransactionPool pool;

    @Setup(Level.Trial)
    public void fund() {
      accounts = fundedAccounts(1_000, 2 * SENDERS);
    }

    @Setup(Level.Iteration)
    public void freshPool() {
      pool = newPool(accounts, 1 << 20);
    }
  }

  /** One adding thread's transactions: its own 64 senders, nonces in order, cycling. */
  @State(Scope.Thread)
  public static class Feeder {
    static final AtomicInteger THREADS = new AtomicInteger();
    static final int PER_SENDER = 400;
    byte[][] envelopes;
    int cursor;
    TransactionPool seenPool;

    @Setup(Level.Trial)
    public void sign() {
      int firstKey = 1_000 + SENDERS * (THREADS.getAndIncrement() % 2);
      envelopes = new byte[SENDERS * PER_SENDER][];
      for (int n = 0; n < PER_SENDER; n++) {
        for (int s = 0; s < SENDERS; s++) {
          envelopes[n * SENDERS + s] = transfer(firstKey + s, n);
        }
      }
    }
  }

  /**
   * Two threads into one pool. Per iteration each thread has 25,600 transactions; should it run out
   * (over 12,800 tx/s per thread) it wraps around and the rest count as duplicates.
   */
  @Benchmark
  @Threads(2)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public boolean addRawShared(Shared shared, Feeder feeder) {
    TransactionPool pool = shared.pool;
    if (feeder.seenPool != pool) {
      feeder.seenPool = pool;
      feeder.cursor = 0;
    }
    byte[] envelope = feeder.envelopes[feeder.cursor];
    feeder.cursor = (feeder.cursor + 1) % feeder.envelopes.length;
    return pool.addRaw(envelope, TxOrigin.REMOTE).isAccepted();
  }
}
