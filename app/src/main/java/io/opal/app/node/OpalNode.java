package io.opal.app.node;

import io.opal.execution.engine.DevBlockProducer;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.engine.HeadChange;
import io.opal.execution.engine.SealedBlock;
import io.opal.execution.genesis.ChainInitializer;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Address;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.SubscriptionHub;
import io.opal.rpc.backend.ExecutionEthBackend;
import io.opal.rpc.eth.EthApi;
import io.opal.rpc.eth.EthConfig;
import io.opal.rpc.eth.EthSubscriptions;
import io.opal.rpc.eth.TxPoolBackend;
import io.opal.rpc.methods.NetApi;
import io.opal.rpc.methods.Web3Api;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import io.opal.txpool.PoolConfig;
import io.opal.txpool.PoolJournal;
import io.opal.txpool.PoolTransactionProvider;
import io.opal.txpool.TransactionPool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A running node, assembled in one place: the RocksDB chain of a data directory, the execution
 * engine fed by the transaction pool, and the public JSON-RPC server (eth, net, web3, txpool; HTTP
 * and WebSocket on one port). Each new head moves the pool and is published to newHeads and logs
 * subscribers; the pool's newly executable transactions go to newPendingTransactions subscribers.
 * What produces blocks is attached afterwards ({@link #attach}): a {@link DevBlockProducer} for
 * {@code opal node --dev}, the sequencer for {@code opal devnet}. {@link #close} stops the attached
 * parts first (newest first), then the server, the pool and the database.
 */
public final class OpalNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(OpalNode.class.getName());

  /** newPendingTransactions events buffered for WebSocket delivery before some are dropped. */
  private static final int PENDING_EVENT_QUEUE = 8192;

  /** What a dev node needs to start. */
  public record Options(Path datadir, String host, int httpPort, Duration blockTime) {
    public Options {
      if (blockTime.isNegative() || blockTime.isZero() || blockTime.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException("block time must be a whole number of seconds > 0");
      }
      if (httpPort < 0 || httpPort > 65535) {
        throw new IllegalArgumentException("port out of range: " + httpPort);
      }
    }
  }

  /**
   * What benchmarks and tests may change about a dev node: extra accounts funded at genesis (only
   * on the datadir's first start) and the pool's limits.
   */
  public record DevTuning(Map<Address, UInt256> extraPrefunds, UnaryOperator<PoolConfig> pool) {
    public static final DevTuning NONE = new DevTuning(Map.of(), UnaryOperator.identity());

    public DevTuning {
      extraPrefunds = Map.copyOf(extraPrefunds);
    }
  }

  private final KeyValueStore store;
  private final RollupConfig config;
  private final ChainDatabase db;
  private final TransactionPool pool;
  private final ExecutionEngine engine;
  private final JsonRpcServer server;
  private final ExecutorService headEvents;
  private final List<AutoCloseable> attached = new ArrayList<>();
  private boolean closed;

  private OpalNode(
      KeyValueStore store,
      RollupConfig config,
      ChainDatabase db,
      TransactionPool pool,
      ExecutionEngine engine,
      JsonRpcServer server,
      ExecutorService headEvents) {
    this.store = store;
    this.config = config;
    this.db = db;
    this.pool = pool;
    this.engine = engine;
    this.server = server;
    this.headEvents = headEvents;
  }

  /**
   * Prepares the data directory's dev chain (first start) or reopens it, and starts producing
   * blocks and serving RPC. {@code onSealed} is told of each sealed block (the CLI logs it).
   */
  public static OpalNode startDev(Options options, Consumer<SealedBlock> onSealed) {
    return startDev(options, DevTuning.NONE, onSealed);
  }

  /** {@link #startDev(Options, Consumer)} with benchmark or test {@code tuning}. */
  public static OpalNode startDev(
      Options options, DevTuning tuning, Consumer<SealedBlock> onSealed) {
    long blockSeconds = options.blockTime().toSeconds();
    ChainInitializer.Result init =
        DevChainFiles.prepare(
            options.datadir(),
            blockSeconds,
            System.currentTimeMillis() / 1000,
            tuning.extraPrefunds());
    RollupConfig config = init.config();
    if (config.blockTime() != blockSeconds) {
      // the producer stamps blocks parent + the chain's block time: ticking at another pace would
      // make timestamps drift from the wall clock
      throw new IllegalArgumentException(
          "the chain in "
              + options.datadir()
              + " has a block time of "
              + config.blockTime()
              + " s, not "
              + blockSeconds
              + " s: use --block-time "
              + config.blockTime()
              + " or another --datadir");
    }
    OpalNode node = open(init, options.host(), options.httpPort(), tuning.pool());
    try {
      DevBlockProducer producer =
          new DevBlockProducer(node.engine, DevBlockProducer.Heads.ALL, onSealed);
      ScheduledExecutorService scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().name("opal-dev-producer").daemon().unstarted(r));
      node.attach(() -> shutdown(scheduler));
      node.attach(producer);
      producer.start(scheduler, options.blockTime());
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /**
   * Opens the initialised chain of {@code init} and starts the pool, the engine and the public
   * JSON-RPC server on {@code host:httpPort} (0: any free port). Nothing produces blocks until a
   * producer is attached.
   */
  public static OpalNode open(ChainInitializer.Result init, String host, int httpPort) {
    return open(init, host, httpPort, UnaryOperator.identity());
  }

  /** {@link #open(ChainInitializer.Result, String, int)} with the pool's limits adjusted. */
  public static OpalNode open(
      ChainInitializer.Result init,
      String host,
      int httpPort,
      UnaryOperator<PoolConfig> poolTuning) {
    RollupConfig config = init.config();
    KeyValueStore store = RocksDbKeyValueStore.open(init.database());
    try {
      ChainDatabase db = ChainDatabase.open(store);
      TransactionPool pool =
          new TransactionPool(
              poolTuning.apply(PoolConfig.defaults(config.l2ChainId())),
              ExecutionEthBackend.headContext(config, db.headHeader(), db.state().head()),
              ExecutionEthBackend.poolState(db.state().head()),
              PoolJournal.NONE,
              InstantSource.system());
      ExecutionEngine engine = new ExecutionEngine(db, config, new PoolTransactionProvider(pool));
      SubscriptionHub hub = new SubscriptionHub();
      EthSubscriptions subscriptions = new EthSubscriptions(hub);
      // The pool's move to the new head and the subscription fan-out run on a thread of their own,
      // in head order (as geth's pool follows chain events): the sealing thread hands the change
      // over and starts the next block (they took ~0.6 ms of every seal when run on it).
      ExecutorService headEvents =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().daemon().name("opal-head-events").factory());
      engine.addListener(
          change ->
              headEvents.execute(() -> onHeadChange(change, config, db, pool, subscriptions)));
      // closed with the pool
      new TxPoolBackend(pool).feed(subscriptions, PENDING_EVENT_QUEUE);
      RpcMethodRegistry registry = new RpcMethodRegistry();
      EthApi.register(registry, ExecutionEthBackend.create(db, config, pool), EthConfig.defaults());
      Web3Api.register(registry, Web3Api.clientVersion(io.opal.app.OpalVersion.version()));
      NetApi.register(registry, config.l2ChainId(), () -> 0);
      hub.registerMethods(registry);
      RpcServerConfig rpc =
          RpcServerConfig.defaults()
              .builder()
              .host(host)
              .port(httpPort)
              .apis(Set.of("eth", "net", "web3", "txpool"))
              .webSocket(true)
              .build();
      JsonRpcServer server =
          JsonRpcServer.builder(registry).config(rpc).subscriptions(hub).build().start();
      return new OpalNode(store, config, db, pool, engine, server, headEvents);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Adds a part to stop, before the ones attached earlier, when the node closes. */
  public synchronized void attach(AutoCloseable part) {
    if (closed) {
      throw new IllegalStateException("node closed");
    }
    attached.add(part);
  }

  private static void shutdown(ExecutorService scheduler) {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Tells the pool of the new head (with a reorg's transactions) and publishes the new heads. */
  private static void onHeadChange(
      HeadChange change,
      RollupConfig config,
      ChainDatabase db,
      TransactionPool pool,
      EthSubscriptions subscriptions) {
    BlockHeader head = db.headHeader();
    List<Transaction> removed = new ArrayList<>();
    for (Block b : change.removed()) {
      removed.addAll(b.body().transactions());
    }
    List<Transaction> added = new ArrayList<>();
    for (HeadChange.CanonicalBlock b : change.added()) {
      added.addAll(b.block().body().transactions());
    }
    try {
      pool.onNewHead(
          ExecutionEthBackend.headContext(config, head, db.state().head()),
          ExecutionEthBackend.poolState(db.state().head()),
          removed,
          added);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "transaction pool could not move to the new head", e);
    }
    for (HeadChange.CanonicalBlock b : change.added()) {
      subscriptions.newHead(b.block().header());
    }
    // logs subscribers see a reorg's dropped logs (removed = true, newest block first, as geth
    // sends them) before the logs of the blocks that replaced them
    for (Block b : change.removed()) {
      db.chain()
          .receipts(b.hash())
          .ifPresent(r -> subscriptions.logs(EthSubscriptions.blockLogs(b, r, true)));
    }
    for (HeadChange.CanonicalBlock b : change.added()) {
      subscriptions.logs(EthSubscriptions.blockLogs(b.block(), b.receipts(), false));
    }
  }

  /** The port the RPC server listens on (the chosen one when started with port 0). */
  public int rpcPort() {
    return server.port();
  }

  public RollupConfig config() {
    return config;
  }

  public ExecutionEngine engine() {
    return engine;
  }

  public TransactionPool pool() {
    return pool;
  }

  public ChainDatabase database() {
    return db;
  }

  /** Stops the attached parts (newest first), then the server, the pool and the database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = attached.size() - 1; i >= 0; i--) {
      try {
        attached.get(i).close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "stopping " + attached.get(i) + " failed", e);
      }
    }
    shutdown(headEvents); // the head changes already handed over reach the pool first
    server.close();
    pool.close();
    store.close();
  }
}
