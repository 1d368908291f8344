package io.opal.app.l1chain;

import io.opal.execution.l1chain.L1Chain;
import io.opal.execution.l1chain.L1Genesis;
import io.opal.execution.l1chain.L1GenesisConfig;
import io.opal.execution.l1chain.L1Mempool;
import io.opal.execution.l1chain.L1Producer;
import io.opal.execution.l1chain.L1Rules;
import io.opal.execution.op.ExecutedBlock;
import io.opal.primitives.Address;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.SubscriptionHub;
import io.opal.rpc.backend.L1EthBackend;
import io.opal.rpc.beacon.L1BeaconRoutes;
import io.opal.rpc.eth.EthApi;
import io.opal.rpc.eth.EthBackend;
import io.opal.rpc.eth.EthConfig;
import io.opal.rpc.eth.EthSubscriptions;
import io.opal.rpc.methods.NetApi;
import io.opal.rpc.methods.Web3Api;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The embedded L1 dev chain of {@code ./opal devnet}: Opal's own L1 chain (Prague rules, blobs) in
 * {@code DATADIR/l1} (RocksDB), its mempool and slot producer, and one port serving JSON-RPC over
 * HTTP and WebSocket plus the beacon routes a rollup node reads blobs from.
 *
 * <p>On the first start the genesis lies 64 slots in the past and prefunds the first ten accounts
 * of the test mnemonic with 10,000 ETH each (as anvil does); a restart on the same directory
 * resumes the chain (the blob sidecars of earlier blocks are not kept across restarts).
 *
 * <p>Blocks come from one of two sources. With the slot clock (the default) a block is built at
 * each slot the wall clock reaches. In automine mode the clock is paused and a block is sealed, at
 * the next slot, as soon as transactions arrive: setup (contract deployment) then takes seconds and
 * its blocks stay behind the wall clock thanks to the genesis's 64 slots of head room. {@link
 * #sealNow} builds a block at the next slot in either mode.
 */
public final class EmbeddedL1 implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmbeddedL1.class.getName());
  private static final UInt256 PREFUND =
      UInt256.valueOf(
          java.math.BigInteger.TEN.pow(18).multiply(java.math.BigInteger.valueOf(10_000)));
  private static final int GENESIS_SLOTS_BACK = 64;

  /** How long automine waits for more transactions of a burst before sealing them together. */
  private static final long AUTOMINE_DELAY_MS = 20;

  /**
   * @param datadir the devnet data directory; the chain lives in {@code datadir/l1}
   * @param port 0 for any free port
   * @param automine start in automine mode (blocks on transactions, slot clock paused)
   */
  public record Config(
      Path datadir,
      String host,
      int port,
      long chainId,
      long slotSeconds,
      int safeDepth,
      int finalizedDepth,
      long gasLimit,
      boolean automine) {
    public Config {
      Objects.requireNonNull(datadir, "datadir");
      Objects.requireNonNull(host, "host");
      if (slotSeconds <= 0) {
        throw new IllegalArgumentException("slot time must be positive, got " + slotSeconds);
      }
    }

    /** Chain 900, 12 s slots, safe 2 and finalized 8 blocks behind the head, 60M gas, port 0. */
    public static Config defaults(Path datadir) {
      return new Config(datadir, "127.0.0.1", 0, 900, 12, 2, 8, 60_000_000, false);
    }

    public Config withHost(String v) {
      return new Config(
          datadir, v, port, chainId, slotSeconds, safeDepth, finalizedDepth, gasLimit, automine);
    }

    public Config withPort(int v) {
      return new Config(
          datadir, host, v, chainId, slotSeconds, safeDepth, finalizedDepth, gasLimit, automine);
    }

    public Config withSlotSeconds(long v) {
      return new Config(
          datadir, host, port, chainId, v, safeDepth, finalizedDepth, gasLimit, automine);
    }

    public Config withAutomine(boolean v) {
      return new Config(
          datadir, host, port, chainId, slotSeconds, safeDepth, finalizedDepth, gasLimit, v);
    }
  }

  private final Config config;
  private final KeyValueStore store;
  private final L1Chain chain;
  private final L1Mempool pool;
  private final L1Producer producer;
  private final JsonRpcServer server;
  private final ScheduledExecutorService automineThread;
  private final AtomicBoolean automine = new AtomicBoolean();
  private final AtomicBoolean sealScheduled = new AtomicBoolean();
  private volatile boolean closed;

  private EmbeddedL1(Config config, KeyValueStore store, LongSupplier clockSeconds) {
    this.config = config;
    this.store = store;
    L1Rules rules = L1Rules.prague(config.chainId());
    long now = clockSeconds.getAsLong();
    this.chain =
        L1Chain.open(
            store,
            rules,
            () ->
                L1Genesis.build(
                    genesisConfig(config, now - GENESIS_SLOTS_BACK * config.slotSeconds())),
            config.safeDepth(),
            config.finalizedDepth());
    this.pool = new L1Mempool(rules);
    this.producer =
        new L1Producer(
            chain, pool, config.slotSeconds(), config.gasLimit(), Address.ZERO, clockSeconds);
    this.automineThread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("l1-automine").daemon().factory());
    chain.addListener(EmbeddedL1::logBlock);
    this.server = startServer();
  }

  private static L1GenesisConfig genesisConfig(Config c, long timestamp) {
    Map<Address, UInt256> prefunds = new LinkedHashMap<>();
    DevAccounts.standard(10).forEach(a -> prefunds.put(a.address(), PREFUND));
    return new L1GenesisConfig(
        c.chainId(), timestamp, c.gasLimit(), L1GenesisConfig.INITIAL_BASE_FEE, prefunds);
  }

  /** Opens (or creates) the chain in {@code datadir/l1}, serves it, and starts producing. */
  public static EmbeddedL1 start(Config config) {
    return start(config, () -> System.currentTimeMillis() / 1000);
  }

  /** As {@link #start(Config)} with a given clock (unix seconds). */
  public static EmbeddedL1 start(Config config, LongSupplier clockSeconds) {
    KeyValueStore store = RocksDbKeyValueStore.open(config.datadir().resolve("l1"));
    EmbeddedL1 l1;
    try {
      l1 = new EmbeddedL1(config, store, clockSeconds);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    if (config.automine()) {
      l1.automine(true);
    } else {
      // The clock's first tick jumps to the wall clock's slot; a second's grace lets a caller that
      // wants automine for its setup switch before that (Config.automine avoids the race).
      l1.automineThread.schedule(l1::startClockUnlessAutomine, 1, TimeUnit.SECONDS);
    }
    LOG.log(
        System.Logger.Level.INFO,
        () ->
            String.format(
                "embedded L1 (chain %d) at %s, head #%d, %s",
                config.chainId(),
                l1.rpcUrl(),
                l1.chain.head().number(),
                config.automine() ? "automine" : config.slotSeconds() + " s slots"));
    return l1;
  }

  private JsonRpcServer startServer() {
    SubscriptionHub hub = new SubscriptionHub();
    EthSubscriptions subscriptions = new EthSubscriptions(hub);
    chain.addListener(
        b -> {
          subscriptions.newHead(b.block().header());
          subscriptions.logs(EthSubscriptions.blockLogs(b.block(), b.receipts(), false));
        });
    EthBackend base = L1EthBackend.create(chain, pool);
    EthBackend backend =
        new EthBackend(
            base.chain(),
            base.state(),
            base.calls(),
            (tx, raw) -> {
              var refusal = base.submitter().submit(tx, raw);
              if (refusal.isEmpty()) {
                onTransaction();
              }
              return refusal;
            },
            base.pool(),
            base.fees());
    RpcMethodRegistry registry = new RpcMethodRegistry();
    EthApi.register(registry, backend, EthConfig.defaults());
    Web3Api.register(registry, Web3Api.clientVersion(io.opal.app.OpalVersion.version() + "/l1"));
    NetApi.register(registry, config.chainId(), () -> 0);
    hub.registerMethods(registry);
    RpcServerConfig rpc =
        RpcServerConfig.defaults()
            .builder()
            .host(config.host())
            .port(config.port())
            .apis(Set.of("eth", "net", "web3", "txpool"))
            .webSocket(true)
            // A network-form blob transaction carries 128 KiB per blob, twice that in hex.
            .maxRequestBodyBytes(16 << 20)
            .maxWebSocketMessageBytes(16 << 20)
            .build();
    L1BeaconRoutes beacon =
        new L1BeaconRoutes(
            chain.genesis().timestamp(),
            config.slotSeconds(),
            new L1BeaconRoutes.BlobSource() {
              @Override
              public java.util.Optional<java.util.List<L1Producer.StoredBlob>> sidecars(long slot) {
                return producer.sidecars(slot);
              }

              @Override
              public long headSlot() {
                return producer.slotOf(chain.head().timestamp());
              }
            },
            "opal/" + io.opal.app.OpalVersion.version());
    return JsonRpcServer.builder(registry)
        .name("l1-rpc")
        .config(rpc)
        .subscriptions(hub)
        .getRoutes(beacon)
        .build()
        .start();
  }

  private static void logBlock(ExecutedBlock b) {
    LOG.log(
        System.Logger.Level.INFO,
        () ->
            String.format(
                "L1 block #%d %s txs=%d gas=%d",
                b.block().header().number(),
                b.hash(),
                b.transactions().size(),
                b.block().header().gasUsed()));
  }

  /** In automine mode, seals soon after a burst of transactions (on the automine thread). */
  private void onTransaction() {
    if (automine.get() && !closed && sealScheduled.compareAndSet(false, true)) {
      automineThread.schedule(this::automineSeal, AUTOMINE_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void automineSeal() {
    sealScheduled.set(false);
    try {
      // Keep sealing while blocks take transactions and more wait (a burst above the gas limit).
      while (!closed && automine.get() && pool.size() > 0) {
        if (producer.sealNow().transactions().isEmpty()) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "automine could not seal an L1 block", e);
    }
  }

  /**
   * Turns automine on (slot clock paused, a block as soon as transactions arrive) or off (the slot
   * clock runs again; its first block lands at the slot the wall clock has reached).
   */
  public synchronized void automine(boolean on) {
    if (closed) {
      throw new IllegalStateException("embedded L1 closed");
    }
    automine.set(on);
    if (on) {
      producer.close();
      if (pool.size() > 0) {
        onTransaction();
      }
    } else {
      producer.start();
    }
  }

  private synchronized void startClockUnlessAutomine() {
    if (!closed && !automine.get()) {
      producer.start();
    }
  }

  public boolean automine() {
    return automine.get();
  }

  /** Builds and commits a block at the slot after the head's, now. */
  public ExecutedBlock sealNow() {
    return producer.sealNow();
  }

  public String rpcUrl() {
    return "http://" + config.host() + ":" + port();
  }

  public String wsUrl() {
    return "ws://" + config.host() + ":" + port();
  }

  /** The beacon API's base URL (the same port as JSON-RPC). */
  public String beaconUrl() {
    return rpcUrl();
  }

  public int port() {
    return server.port();
  }

  public L1Chain chain() {
    return chain;
  }

  public L1Mempool mempool() {
    return pool;
  }

  public L1Producer producer() {
    return producer;
  }

  public Config config() {
    return config;
  }

  /** Stops producing and serving, then closes the database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    producer.close();
    automineThread.shutdownNow();
    try {
      automineThread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    // The producer's lock: a block being built finishes before the store closes.
    synchronized (producer) {
      store.close();
    }
  }
}
