package io.opal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.SyntheticChain;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Imports synthetic blocks into a RocksDB-backed chain and reports Mgas/s and blocks/s: blocks of
 * ETH transfers, and blocks of ERC-20 transfers (a solc-compiled token, deployed by a transaction
 * and handed out to the senders first). Each block's transactions are executed with the transaction
 * processor on the head state, the state root computed, and block, receipts, state and head
 * committed in one batch, as the engine will. Transactions are signed before timing; recovering
 * their senders is timed (on a second thread, one block ahead, as a node importing blocks would
 * overlap it with execution), and reported separately.
 *
 * <p>Run with {@code bench/import/run.sh}; see bench/import/README.md. Prints figures, asserts no
 * time.
 */
public final class ChainImportBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> options;

  private ChainImportBenchmark(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    ChainImportBenchmark bench = new ChainImportBenchmark(options);
    for (String kind : bench.option("kinds", "eth,erc20").split(",")) {
      bench.run(kind.trim());
    }
  }

  private String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(option(name, String.valueOf(fallback)));
  }

  private void run(String kind) throws Exception {
    int senders = intOption("senders", 2_000);
    int filler = intOption("filler", 100_000);
    int warmup = intOption("warmup", 20);
    int blocks = intOption("blocks", 60);
    long blockGas = Long.parseLong(option("block-gas", "30000000"));
    Path dir =
        Files.createTempDirectory(
            Path.of(option("tmp", System.getProperty("java.io.tmpdir"))), "opal-import-");
    try (KeyValueStore store = RocksDbKeyValueStore.open(dir)) {
      ChainDatabase db = ChainDatabase.open(store);
      long setupStart = System.nanoTime();
      SyntheticChain chain = SyntheticChain.create(db, senders, fillerAccounts(filler));
      Workload workload =
          switch (kind) {
            case "eth" -> new EthTransfers(chain, blockGas);
            case "erc20" -> Erc20Transfers.deploy(chain, blockGas, readToken());
            default -> throw new IllegalArgumentException("unknown kind " + kind + " (eth, erc20)");
          };
      System.out.printf(
          Locale.ROOT,
          "%s: genesis with %,d senders and %,d other accounts, setup %.1f s; signing %d blocks...%n",
          kind,
          senders,
          filler,
          (System.nanoTime() - setupStart) / 1e9,
          warmup + blocks);
      List<List<Transaction>> txs = new ArrayList<>();
      for (int i = 0; i < warmup + blocks; i++) {
        txs.add(workload.block(i));
      }
      Result warm = importAll(chain, txs.subList(0, warmup));
      jdk.jfr.Recording recording = null;
      if (options.containsKey("jfr")) {
        // Profile the measured blocks only (not genesis, signing or warm-up).
        recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(2));
        recording.setDestination(Path.of(option("jfr", "") + "-" + kind + ".jfr"));
        recording.start();
      }
      Result measured = importAll(chain, txs.subList(warmup, txs.size()));
      if (recording != null) {
        recording.stop();
        recording.close();
      }
      System.out.printf(Locale.ROOT, "%s warm-up:  %s%n", kind, warm.summary());
      System.out.printf(Locale.ROOT, "%s measured: %s%n", kind, measured.summary());
      System.out.printf(Locale.ROOT, "%s breakdown: %s%n", kind, measured.breakdown());
      System.out.printf(
          Locale.ROOT,
          "%s database: %.1f MiB after %d blocks%n",
          kind,
          size(dir) / 1048576.0,
          db.headHeader().number());
    } finally {
      if (!options.containsKey("keep")) {
        delete(dir);
      }
    }
  }

  /** The timings of importing a run of blocks. */
  private record Result(
      int blocks,
      long txs,
      long gas,
      long wallNanos,
      long[] blockNanos,
      long recover,
      long execute,
      long root,
      long commit) {
    String summary() {
      double seconds = wallNanos / 1e9;
      long[] sorted = blockNanos.clone();
      Arrays.sort(sorted);
      return String.format(
          Locale.ROOT,
          "%d blocks, %,d txs, %.1f Mgas in %.2f s: %.1f Mgas/s, %.1f blocks/s, %,.0f tx/s;"
              + " block p50 %.1f ms, p99 %.1f ms",
          blocks,
          txs,
          gas / 1e6,
          seconds,
          gas / 1e6 / seconds,
          blocks / seconds,
          txs / seconds,
          sorted[sorted.length / 2] / 1e6,
          sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
    }

    String breakdown() {
      double total = execute + root + commit;
      return String.format(
          Locale.ROOT,
          "execute %.1f%%, state root %.1f%%, commit %.1f%% (per block %.1f / %.1f / %.1f ms);"
              + " sender recovery %.1f ms per block on the second thread; Mgas/s excluding"
              + " recovery waits %.1f",
          100 * execute / total,
          100 * root / total,
          100 * commit / total,
          execute / 1e6 / blocks,
          root / 1e6 / blocks,
          commit / 1e6 / blocks,
          recover / 1e6 / blocks,
          gas / 1e6 / (total / 1e9));
    }
  }

  private static Result importAll(SyntheticChain chain, List<List<Transaction>> blocks)
      throws Exception {
    ExecutorService recoverer = Executors.newSingleThreadExecutor();
    try {
      long[] blockNanos = new long[blocks.size()];
      long txs = 0;
      long gas = 0;
      long[] recoverNanos = new long[1];
      long execute = 0;
      long root = 0;
      long commit = 0;
      long start = System.nanoTime();
      Future<List<Address>> next = recoverer.submit(() -> senders(blocks.get(0), recoverNanos));
      for (int i = 0; i < blocks.size(); i++) {
        long blockStart = System.nanoTime();
        List<Address> senders = next.get();
        if (i + 1 < blocks.size()) {
          List<Transaction> following = blocks.get(i + 1);
          next = recoverer.submit(() -> senders(following, recoverNanos));
        }
        SyntheticChain.Imported imported = chain.importBlock(blocks.get(i), senders);
        blockNanos[i] = System.nanoTime() - blockStart;
        txs += blocks.get(i).size();
        gas += imported.gasUsed();
        execute += imported.executeNanos();
        root += imported.rootNanos();
        commit += imported.commitNanos();
      }
      long wall = System.nanoTime() - start;
      return new Result(
          blocks.size(), txs, gas, wall, blockNanos, recoverNanos[0], execute, root, commit);
    } finally {
      recoverer.shutdownNow();
    }
  }

  private static List<Address> senders(List<Transaction> txs, long[] nanos) {
    long start = System.nanoTime();
    List<Address> out = new ArrayList<>(txs.size());
    for (Transaction tx : txs) {
      out.add(tx.sender());
    }
    nanos[0] += System.nanoTime() - start;
    return out;
  }

  /** Accounts that only make the state (and so the trie) bigger, as on a live chain. */
  private static Map<Address, AccountUpdate.Updated> fillerAccounts(int count) {
    Map<Address, AccountUpdate.Updated> out = new HashMap<>();
    for (int i = 0; i < count; i++) {
      Address a =
          Address.wrap(
              Arrays.copyOf(Hash.keccak(ByteBuffer.allocate(8).putLong(i).array()).toArray(), 20));
      out.put(
          a,
          new AccountUpdate.Updated(
              a,
              new AccountState(1, UInt256.valueOf(i + 1), Hash.EMPTY),
              Optional.empty(),
              false,
              Map.of()));
    }
    return out;
  }

  private JsonNode readToken() throws IOException {
    String path = options.get("token");
    if (path == null) {
      throw new IllegalArgumentException(
          "--token FILE (from bench/import/compile.mjs) is needed for ERC-20 blocks");
    }
    return JSON.readTree(Path.of(path).toFile());
  }

  /** The transactions of successive blocks. */
  private interface Workload {
    List<Transaction> block(int index);
  }

  /** Full blocks of 21,000-gas transfers to a large set of recipients, many of them new. */
  private record EthTransfers(SyntheticChain chain, long blockGas) implements Workload {
    @Override
    public List<Transaction> block(int index) {
      int count = (int) (blockGas / 21_000);
      SplittableRandom random = new SplittableRandom(index);
      List<Transaction> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int from = (index * count + i) % chain.accounts();
        txs.add(
            chain.transaction(
                from, recipient(random), UInt256.valueOf(1 + i), new byte[0], 21_000));
      }
      return txs;
    }
  }

  /** Half the recipients are other senders (existing balances), half fresh addresses. */
  static Address recipient(SplittableRandom random) {
    if (random.nextBoolean()) {
      return SyntheticChain.address(random.nextInt(64));
    }
    return Address.ofLong(0x1000_0000L + random.nextInt(1_000_000));
  }

  /**
   * ERC-20 transfers of a solc-compiled token: deployed by account 0, which then hands tokens to
   * every sender (setup blocks, not measured); the workload blocks are transfers from the senders.
   */
  private static final class Erc20Transfers implements Workload {
    /** A transfer to a new holder costs about 51,500 gas, to an existing one about 34,500. */
    private static final long GAS_ESTIMATE = 52_000;

    private final SyntheticChain chain;
    private final long blockGas;
    private final Address token;
    private final byte[] transfer;
    private final Address[] senderAddresses;

    private Erc20Transfers(SyntheticChain chain, long blockGas, Address token, byte[] transfer) {
      this.chain = chain;
      this.blockGas = blockGas;
      this.token = token;
      this.transfer = transfer;
      this.senderAddresses = new Address[chain.accounts()];
      for (int i = 0; i < senderAddresses.length; i++) {
        senderAddresses[i] = SyntheticChain.address(i);
      }
    }

    static Erc20Transfers deploy(SyntheticChain chain, long blockGas, JsonNode compiled) {
      byte[] creation = Hex.decode(compiled.get("creation").asText());
      byte[] supply = UInt256.valueOf(10).pow(30).toBytes().toArrayUnsafe();
      byte[] init = Arrays.copyOf(creation, creation.length + 32);
      System.arraycopy(supply, 0, init, creation.length, 32);
      Address deployer = SyntheticChain.address(0);
      Address token = ContractAddress.create(deployer, chain.nonce(0));
      chain.importBlock(List.of(chain.creation(0, init, 2_000_000)));
      byte[] code =
          chain
              .db()
              .state()
              .head()
              .code(chain.db().state().head().account(token).orElseThrow().codeHash());
      if (!Arrays.equals(code, Hex.decode(compiled.get("runtime").asText()))) {
        throw new IllegalStateException("the deployed token code differs from solc's runtime code");
      }
      Erc20Transfers w =
          new Erc20Transfers(chain, blockGas, token, Hex.decode(compiled.get("transfer").asText()));
      // Hand every sender tokens: setup blocks of transfers from the deployer.
      int perBlock = (int) (blockGas / GAS_ESTIMATE);
      List<Transaction> pending = new ArrayList<>();
      for (int i = 1; i < chain.accounts(); i++) {
        pending.add(w.transfer(0, w.senderAddresses[i], UInt256.valueOf(10).pow(24)));
        if (pending.size() == perBlock || i == chain.accounts() - 1) {
          chain.importBlock(pending);
          pending = new ArrayList<>();
        }
      }
      return w;
    }

    private Transaction transfer(int from, Address to, UInt256 amount) {
      byte[] data = new byte[4 + 64];
      System.arraycopy(transfer, 0, data, 0, 4);
      System.arraycopy(to.toArray(), 0, data, 4 + 12, 20);
      System.arraycopy(amount.toBytes().toArrayUnsafe(), 0, data, 36, 32);
      return chain.transaction(from, token, UInt256.ZERO, data, 100_000);
    }

    @Override
    public List<Transaction> block(int index) {
      int count = (int) (blockGas / GAS_ESTIMATE);
      SplittableRandom random = new SplittableRandom(1_000 + index);
      List<Transaction> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int from = 1 + (index * count + i) % (chain.accounts() - 1);
        txs.add(transfer(from, recipient(random), UInt256.valueOf(1 + random.nextInt(1_000_000))));
      }
      return txs;
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
