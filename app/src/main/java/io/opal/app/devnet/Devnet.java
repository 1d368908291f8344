package io.opal.app.devnet;

import io.opal.app.OpalVersion;
import io.opal.app.node.OpalNode;
import io.opal.consensus.l1.JsonRpcL1Client;
import io.opal.consensus.l1.L1Client;
import io.opal.consensus.l1.L1ClientConfig;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.consensus.sequencer.SequencedBlock;
import io.opal.consensus.sequencer.Sequencer;
import io.opal.consensus.sequencer.SequencerConfig;
import io.opal.consensus.sequencer.SequencerListener;
import io.opal.rpc.admin.AdminRpcServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A whole local OP network in one process: an L1 (embedded, or any node given by URL) with the OP
 * contracts deployed on it, and the L2 node — RocksDB chain, engine, pool, public JSON-RPC — driven
 * by the sequencer, with the JWT-authenticated admin RPC beside it. {@code devnet.json} in the data
 * dir says where everything is. Closing stops the sequencer first, then the L2 node, then the L1.
 */
public final class Devnet implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Devnet.class.getName());

  /** How long one round of the first start's contract deployment may wait for its receipts. */
  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(2);

  /**
   * What a devnet starts with.
   *
   * @param l1Rpc an external L1's JSON-RPC URL; empty for the embedded L1 dev chain
   * @param httpPort the L2 public JSON-RPC port (0: any free port)
   * @param adminPort the admin RPC port (0: any free port)
   * @param l1Port the embedded L1's JSON-RPC port (0: any free port)
   * @param blockTime seconds between L2 blocks (first start; later starts keep the chain's)
   * @param l1BlockTime seconds per slot of the embedded L1
   */
  public record Options(
      Path datadir,
      String host,
      int httpPort,
      int adminPort,
      int l1Port,
      long blockTime,
      long l1BlockTime,
      Optional<URI> l1Rpc) {
    public Options {
      Objects.requireNonNull(datadir, "datadir");
      Objects.requireNonNull(l1Rpc, "l1Rpc");
      for (int port : new int[] {httpPort, adminPort, l1Port}) {
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("port out of range: " + port);
        }
      }
      if (blockTime < 1 || l1BlockTime < 1) {
        throw new IllegalArgumentException("block times must be at least 1 second");
      }
    }
  }

  private final DevnetL1 l1;
  private final Vertx vertx;
  private final L1Client l1Client;
  private final OpalNode node;
  private final Sequencer sequencer;
  private final AdminRpcServer admin;
  private final Path manifest;

  private Devnet(
      DevnetL1 l1,
      Vertx vertx,
      L1Client l1Client,
      OpalNode node,
      Sequencer sequencer,
      AdminRpcServer admin,
      Path manifest) {
    this.l1 = l1;
    this.vertx = vertx;
    this.l1Client = l1Client;
    this.node = node;
    this.sequencer = sequencer;
    this.admin = admin;
    this.manifest = manifest;
  }

  /**
   * Starts the devnet of {@code options.datadir()}: set up on the first start, resumed later.
   * {@code onSequenced} hears of every sequenced L2 block (the CLI prints it).
   */
  public static Devnet start(Options options, Consumer<SequencedBlock> onSequenced) {
    DevnetL1 l1 =
        options.l1Rpc().isPresent()
            ? DevnetL1.external(options.l1Rpc().get())
            : DevnetL1.embedded(
                options.datadir(), options.host(), options.l1Port(), options.l1BlockTime());
    Vertx vertx = Vertx.vertx();
    L1Client client = null;
    OpalNode node = null;
    try {
      client = JsonRpcL1Client.connect(vertx, l1.rpcUrl(), L1ClientConfig.DEFAULT);
      DevnetSetup.Chain chain;
      l1.fastBlocks(true); // deployment rounds need blocks: don't wait a slot for each
      try {
        chain =
            DevnetSetup.prepare(
                options.datadir(),
                client,
                TaskScheduler.vertx(vertx),
                options.blockTime(),
                DEPLOY_TIMEOUT,
                LOG);
      } finally {
        l1.fastBlocks(false);
      }
      node = OpalNode.open(chain.init(), options.host(), options.httpPort());
      Sequencer sequencer =
          new Sequencer(node.engine(), client, SequencerConfig.defaults(), InstantSource.system());
      sequencer.addListener(
          new SequencerListener() {
            @Override
            public void onSealed(SequencedBlock block) {
              onSequenced.accept(block);
            }
          });
      ScheduledExecutorService driver =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().name("opal-sequencer").daemon().unstarted(r));
      node.attach(() -> shutdown(driver));
      node.attach(sequencer);
      sequencer.start(driver);
      AdminRpcServer admin =
          AdminRpcServer.builder(sequencer, chain.config())
              .host(options.host())
              .port(options.adminPort())
              .jwtSecretFile(options.datadir().resolve("jwt.hex"))
              .version(OpalVersion.version())
              .engine(node.engine())
              .vertx(vertx)
              .start();
      node.attach(admin);
      Path manifest =
          DevnetSetup.writeManifest(
              options.datadir(),
              chain,
              l1.rpcUrl().toString(),
              "http://" + options.host() + ":" + node.rpcPort(),
              admin.url());
      return new Devnet(l1, vertx, client, node, sequencer, admin, manifest);
    } catch (RuntimeException e) {
      if (node != null) {
        node.close();
      }
      if (client != null) {
        client.close();
      }
      vertx.close();
      l1.close();
      throw e;
    }
  }

  private static void shutdown(ScheduledExecutorService driver) {
    driver.shutdown();
    try {
      if (!driver.awaitTermination(30, TimeUnit.SECONDS)) {
        driver.shutdownNow();
      }
    } catch (InterruptedException e) {
      driver.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  public OpalNode node() {
    return node;
  }

  public Sequencer sequencer() {
    return sequencer;
  }

  public URI l1RpcUrl() {
    return l1.rpcUrl();
  }

  public String adminUrl() {
    return admin.url();
  }

  public Path adminSecretFile() {
    return admin.secretFile();
  }

  /** {@code devnet.json}. */
  public Path manifest() {
    return manifest;
  }

  @Override
  public void close() {
    node.close(); // the admin server and the sequencer first (attached last), then the L2 node
    l1Client.close();
    vertx.close();
    l1.close();
  }
}
