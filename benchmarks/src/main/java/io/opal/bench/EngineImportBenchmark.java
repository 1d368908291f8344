package io.opal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.execution.engine.BlockTag;
import io.opal.execution.engine.BuildJob;
import io.opal.execution.engine.EngineOptions;
import io.opal.execution.engine.EngineTestChain;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.engine.InsertResult;
import io.opal.execution.engine.SealedBlock;
import io.opal.execution.engine.TransactionProvider;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.op.TransactionSource;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The in-process engine on RocksDB, end to end, for OP blocks (Isthmus rules, L1-info deposit
 * first): a producer engine builds full blocks of ETH or ERC-20 transfers from a pool stand-in
 * (build jobs filling on their own thread, then {@code seal()}: sealing overhead = seal time minus
 * the wait for the transaction in flight), and a second engine on its own database imports them
 * through {@code insert} (validation, execution, commit: Mgas/s, blocks/s). Prints figures, asserts
 * no time. Run with {@code bench/engine/run.sh}.
 */
public final class EngineImportBenchmark {
  private static final RollupConfig CONFIG = EngineTestChain.config(OpFork.ISTHMUS);
  private static final long BLOCK_GAS = 30_000_000;
  private static final UInt256 FEE_CAP = UInt256.valueOf(1_000_000_000_000L);

  private final Map<String, String> options;
  private final int senders;
  private final long[] nonces;

  private EngineImportBenchmark(Map<String, String> options) {
    this.options = options;
    this.senders = Integer.parseInt(options.getOrDefault("senders", "2000"));
    this.nonces = new long[senders];
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    for (String kind : options.getOrDefault("kinds", "eth,erc20").split(",")) {
      new EngineImportBenchmark(options).run(kind.trim());
    }
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
  }

  private void run(String kind) throws Exception {
    int warmup = intOption("warmup", 20);
    int blocks = intOption("blocks", 60);
    Path tmp = Path.of(options.getOrDefault("tmp", System.getProperty("java.io.tmpdir")));
    Path producerDir = Files.createTempDirectory(tmp, "opal-engine-producer-");
    Path importerDir = Files.createTempDirectory(tmp, "opal-engine-importer-");
    List<AccountUpdate> filler = fillerAccounts(intOption("filler", 100_000));
    try (KeyValueStore producerStore = RocksDbKeyValueStore.open(producerDir);
        KeyValueStore importerStore = RocksDbKeyValueStore.open(importerDir)) {
      ExecutionEngine producer = engine(producerStore, filler);
      ExecutionEngine importer = engine(importerStore, filler);
      Workload workload =
          switch (kind) {
            case "eth" -> new EthTransfers();
            case "erc20" -> deployToken(producer, importer);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
          };
      List<Stats> built = new ArrayList<>();
      List<Block> chain = new ArrayList<>();
      for (int i = 0; i < warmup + blocks; i++) {
        List<TransactionSource.Candidate> txs = workload.block(i, workload.fullBlock());
        SealedBlock s = build(producer, txs, 0);
        if (s.block().body().transactions().size() != txs.size() + 1) {
          throw new IllegalStateException("block " + s.block().number() + " left transactions out");
        }
        built.add(new Stats(s));
        chain.add(s.block());
      }
      report(kind + " build+seal", built.subList(warmup, built.size()));
      long[] insertNanos = new long[chain.size()];
      for (int i = 0; i < chain.size(); i++) {
        Block b = chain.get(i);
        long start = System.nanoTime();
        InsertResult r = importer.insert(b);
        insertNanos[i] = System.nanoTime() - start;
        if (!(r instanceof InsertResult.Valid v) || !v.becameHead()) {
          throw new IllegalStateException("insert of block " + b.number() + ": " + r);
        }
      }
      reportInsert(
          kind,
          chain.subList(warmup, chain.size()),
          Arrays.copyOfRange(insertNanos, warmup, chain.size()));
      // Sequencer-sized blocks: what sealing costs when a block holds a typical load.
      // Back to back by default (the harsh case: the store's background flushes and the collector
      // overlap the next seal); --small-gap-ms waits between filling and sealing, as a sequencer
      // waits for its slot's deadline.
      int small = intOption("small-txs", 100);
      int smallBlocks = intOption("small-blocks", blocks);
      long gapMillis = intOption("small-gap-ms", 0);
      List<Stats> smallStats = new ArrayList<>();
      for (int i = 0; i < warmup + smallBlocks; i++) {
        List<TransactionSource.Candidate> txs = workload.block(warmup + blocks + i, small);
        SealedBlock s = build(producer, txs, gapMillis);
        if (Boolean.getBoolean("opal.outliers") && s.sealNanos() - s.stopNanos() > 700_000) {
          System.out.printf(
              "OUTLIER %.3f ms at uptime %d ms%n",
              (s.sealNanos() - s.stopNanos()) / 1e6,
              java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        }
        if (s.block().body().transactions().size() != txs.size() + 1) {
          throw new IllegalStateException("a small block left transactions out");
        }
        if (i >= warmup) {
          smallStats.add(new Stats(s));
        }
      }
      report(
          kind
              + " "
              + small
              + "-tx blocks build+seal"
              + (gapMillis > 0 ? ", " + gapMillis + " ms gap" : ""),
          smallStats);
    } finally {
      delete(producerDir);
      delete(importerDir);
    }
  }

  private ExecutionEngine engine(KeyValueStore store, List<AccountUpdate> filler) {
    ChainDatabase db = ChainDatabase.open(store);
    EngineTestChain.writeGenesis(db, CONFIG, senders, filler);
    boolean parallel = Boolean.parseBoolean(options.getOrDefault("parallel-recovery", "true"));
    return new ExecutionEngine(
        db,
        CONFIG,
        TransactionProvider.NONE,
        new EngineOptions(
            EngineOptions.DEFAULT.rootInterval(),
            EngineOptions.DEFAULT.pollMillis(),
            EngineOptions.DEFAULT.codeCacheEntries(),
            parallel));
  }

  /**
   * Builds one block from {@code txs} as a sequencer would: fill, then seal at the deadline ({@code
   * gapMillis} after the pool ran dry).
   */
  private static SealedBlock build(
      ExecutionEngine engine, List<TransactionSource.Candidate> txs, long gapMillis)
      throws InterruptedException {
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    BuildJob job =
        engine.startBuild(
            head.hash(),
            EngineTestChain.attributes(CONFIG, head, false, 0),
            baseFee -> EngineTestChain.ListSource.ofCandidates(txs));
    if (!job.awaitFilled(Duration.ofMinutes(5))) {
      throw new IllegalStateException("filling did not finish");
    }
    if (gapMillis > 0) {
      Thread.sleep(gapMillis);
    }
    return job.seal();
  }

  /** One sealed block's timings. */
  private record Stats(
      long gas, int txs, long execution, long seal, long stop, long commit, long write) {
    Stats(SealedBlock s) {
      this(
          s.block().header().gasUsed(),
          s.block().body().transactions().size(),
          s.executionNanos(),
          s.sealNanos(),
          s.stopNanos(),
          s.commitNanos(),
          s.writeNanos());
    }

    long overhead() {
      return seal - stop;
    }
  }

  private static void report(String what, List<Stats> stats) {
    long gas = stats.stream().mapToLong(Stats::gas).sum();
    long exec = stats.stream().mapToLong(Stats::execution).sum();
    long[] overhead = stats.stream().mapToLong(Stats::overhead).sorted().toArray();
    long[] noCommit = stats.stream().mapToLong(s -> s.overhead() - s.commit()).sorted().toArray();
    long[] commit = stats.stream().mapToLong(Stats::commit).sorted().toArray();
    long[] write = stats.stream().mapToLong(Stats::write).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%s: %d blocks, %,d txs, %.1f Mgas; execution %.1f Mgas/s on the job thread;"
            + " sealing overhead (seal - tx execution) p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
            + " max %.2f ms,"
            + " of which batch commit p50 %.2f ms p99 %.2f ms (its RocksDB write p50 %.2f ms"
            + " p99 %.2f ms); without the commit p50 %.2f ms p99 %.2f ms%n",
        what,
        stats.size(),
        stats.stream().mapToLong(Stats::txs).sum(),
        gas / 1e6,
        gas / 1e6 / (exec / 1e9),
        pct(overhead, 50) / 1e6,
        pct(overhead, 90) / 1e6,
        pct(overhead, 99) / 1e6,
        overhead[overhead.length - 1] / 1e6,
        pct(commit, 50) / 1e6,
        pct(commit, 99) / 1e6,
        pct(write, 50) / 1e6,
        pct(write, 99) / 1e6,
        pct(noCommit, 50) / 1e6,
        pct(noCommit, 99) / 1e6);
  }

  private static void reportInsert(String kind, List<Block> blocks, long[] nanos) {
    long gas = blocks.stream().mapToLong(b -> b.header().gasUsed()).sum();
    long txs = blocks.stream().mapToLong(b -> b.body().transactions().size()).sum();
    double seconds = Arrays.stream(nanos).sum() / 1e9;
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s insert: %d blocks, %,d txs, %.1f Mgas in %.2f s: %.1f Mgas/s, %.1f blocks/s,"
            + " %,.0f tx/s; block p50 %.1f ms, p99 %.1f ms%n",
        kind,
        blocks.size(),
        txs,
        gas / 1e6,
        seconds,
        gas / 1e6 / seconds,
        blocks.size() / seconds,
        txs / seconds,
        pct(sorted, 50) / 1e6,
        pct(sorted, 99) / 1e6);
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }

  // ----------------------------------------------------------------------------- workloads

  private interface Workload {
    /** The transactions of a block that fills the gas limit. */
    int fullBlock();

    List<TransactionSource.Candidate> block(int index, int count);
  }

  /** Signs a transaction of account {@code from} (its sender is known, as in a pool). */
  private TransactionSource.Candidate sign(
      int from, Address to, UInt256 value, byte[] data, long gas) {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            EngineTestChain.CHAIN_ID,
            nonces[from]++,
            UInt256.ONE,
            FEE_CAP,
            gas,
            Optional.of(to),
            value,
            Bytes.wrap(data),
            List.of(),
            0,
            UInt256.ZERO,
            UInt256.ZERO);
    SignedTransaction signed = TransactionSigner.sign(tx, EngineTestChain.key(from));
    return new TransactionSource.Candidate(
        signed, EngineTestChain.address(from), TransactionCodec.encode(signed));
  }

  private static Address recipient(SplittableRandom random) {
    return random.nextBoolean()
        ? EngineTestChain.address(random.nextInt(64))
        : Address.ofLong(0x1000_0000L + random.nextInt(1_000_000));
  }

  /** Full blocks of 21,000-gas transfers (the L1-info deposit's 1M gas limit taken off). */
  private final class EthTransfers implements Workload {
    @Override
    public int fullBlock() {
      return (int) ((BLOCK_GAS - 1_000_000) / 21_000);
    }

    @Override
    public List<TransactionSource.Candidate> block(int index, int count) {
      SplittableRandom random = new SplittableRandom(index);
      List<TransactionSource.Candidate> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int from = (int) (((long) index * fullBlock() + i) % senders);
        txs.add(sign(from, recipient(random), UInt256.valueOf(1 + i), new byte[0], 21_000));
      }
      return txs;
    }
  }

  /** Deploys the solc-compiled token and hands every sender tokens, on both engines. */
  private Workload deployToken(ExecutionEngine producer, ExecutionEngine importer)
      throws Exception {
    JsonNode compiled = new ObjectMapper().readTree(Path.of(options.get("token")).toFile());
    byte[] creation = Hex.decode(compiled.get("creation").asText());
    byte[] init = Arrays.copyOf(creation, creation.length + 32);
    System.arraycopy(
        UInt256.valueOf(10).pow(30).toBytes().toArrayUnsafe(), 0, init, creation.length, 32);
    Address token = ContractAddress.create(EngineTestChain.address(0), nonces[0]);
    DynamicFeeTransaction create =
        new DynamicFeeTransaction(
            EngineTestChain.CHAIN_ID,
            nonces[0]++,
            UInt256.ONE,
            FEE_CAP,
            2_000_000,
            Optional.empty(),
            UInt256.ZERO,
            Bytes.wrap(init),
            List.of(),
            0,
            UInt256.ZERO,
            UInt256.ZERO);
    SignedTransaction signed = TransactionSigner.sign(create, EngineTestChain.key(0));
    setupBlock(
        producer,
        importer,
        List.of(
            new TransactionSource.Candidate(
                signed, EngineTestChain.address(0), TransactionCodec.encode(signed))));
    byte[] transfer = Hex.decode(compiled.get("transfer").asText());
    Erc20 w = new Erc20(token, transfer);
    List<TransactionSource.Candidate> pending = new ArrayList<>();
    for (int i = 1; i < senders; i++) {
      pending.add(w.transfer(0, EngineTestChain.address(i), UInt256.valueOf(10).pow(24)));
      if (pending.size() == 500 || i == senders - 1) {
        setupBlock(producer, importer, pending);
        pending = new ArrayList<>();
      }
    }
    return w;
  }

  private static void setupBlock(
      ExecutionEngine producer, ExecutionEngine importer, List<TransactionSource.Candidate> txs)
      throws InterruptedException {
    SealedBlock s = build(producer, txs, 0);
    if (s.block().body().transactions().size() != txs.size() + 1
        || !(importer.insert(s.block()) instanceof InsertResult.Valid)) {
      throw new IllegalStateException("setup block " + s.block().number() + " failed");
    }
  }

  private final class Erc20 implements Workload {
    private static final long GAS_ESTIMATE = 52_000;
    private final Address token;
    private final byte[] selector;

    Erc20(Address token, byte[] selector) {
      this.token = token;
      this.selector = selector;
    }

    TransactionSource.Candidate transfer(int from, Address to, UInt256 amount) {
      byte[] data = new byte[4 + 64];
      System.arraycopy(selector, 0, data, 0, 4);
      System.arraycopy(to.toArray(), 0, data, 4 + 12, 20);
      System.arraycopy(amount.toBytes().toArrayUnsafe(), 0, data, 36, 32);
      return sign(from, token, UInt256.ZERO, data, 100_000);
    }

    @Override
    public int fullBlock() {
      return (int) ((BLOCK_GAS - 1_000_000) / GAS_ESTIMATE);
    }

    @Override
    public List<TransactionSource.Candidate> block(int index, int count) {
      SplittableRandom random = new SplittableRandom(1_000 + index);
      List<TransactionSource.Candidate> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int from = 1 + (int) (((long) index * fullBlock() + i) % (senders - 1));
        txs.add(transfer(from, recipient(random), UInt256.valueOf(1 + random.nextInt(1_000_000))));
      }
      return txs;
    }
  }

  /** Accounts that only make the state (and its trie) bigger, as on a live chain. */
  private static List<AccountUpdate> fillerAccounts(int count) {
    List<AccountUpdate> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Address a =
          Address.wrap(
              Arrays.copyOf(Hash.keccak(ByteBuffer.allocate(8).putLong(i).array()).toArray(), 20));
      out.add(
          new AccountUpdate.Updated(
              a,
              new AccountState(1, UInt256.valueOf(i + 1), Hash.EMPTY),
              Optional.empty(),
              false,
              Map.of()));
    }
    return out;
  }

  private static void delete(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
