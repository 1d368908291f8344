package io.opal.app;

import io.opal.app.devnet.Devnet;
import io.opal.execution.store.ChainStateException;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.ConfigException;
import io.opal.storage.StorageException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opal devnet}: a complete local OP network in one process — an embedded L1 dev chain (or
 * {@code --l1-rpc}) with the OP contracts deployed, and the L2 sequencer with its public and admin
 * RPC. Runs until Ctrl-C or SIGTERM; the same data dir resumes the same chains.
 */
@Command(
    name = "devnet",
    description =
        "Run a local OP devnet: an embedded L1 dev chain (chain 900, 12 s slots) with the OP L1"
            + " contracts, and an L2 sequencer (chain 901, every fork through Jovian) serving"
            + " JSON-RPC over HTTP and WebSocket. The test mnemonic's accounts are prefunded on"
            + " both. Writes devnet.json (endpoints, chain ids, L1 contracts) to the data dir.")
final class DevnetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--datadir",
      paramLabel = "DIR",
      defaultValue = "opal-devnet",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path datadir;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Interface every server listens on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--http.port",
      paramLabel = "PORT",
      defaultValue = "8545",
      description = "L2 JSON-RPC HTTP and WebSocket port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--admin.port",
      paramLabel = "PORT",
      defaultValue = "9545",
      description = "Admin RPC port, JWT-authenticated (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--l1.port",
      paramLabel = "PORT",
      defaultValue = "8546",
      description = "Embedded L1 JSON-RPC port (default: ${DEFAULT-VALUE}).")
  int l1Port;

  @Option(
      names = "--block-time",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "Seconds between L2 blocks, on the first start (default: ${DEFAULT-VALUE}).")
  long blockTime;

  @Option(
      names = "--l1.block-time",
      paramLabel = "SECONDS",
      defaultValue = "12",
      description = "Seconds per embedded L1 slot (default: ${DEFAULT-VALUE}).")
  long l1BlockTime;

  @Option(
      names = "--l1-rpc",
      paramLabel = "URL",
      description =
          "Use this L1 (anvil, or a real node) instead of the embedded one. The first start"
              + " deploys the OP contracts with the test mnemonic's first account.")
  URI l1Rpc;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Devnet devnet;
    try {
      devnet =
          Devnet.start(
              new Devnet.Options(
                  datadir,
                  host,
                  httpPort,
                  adminPort,
                  l1Port,
                  blockTime,
                  l1BlockTime,
                  Optional.ofNullable(l1Rpc)),
              b -> {}); // the sequencer logs each block
    } catch (ConfigException
        | ChainStateException
        | StorageException
        | IllegalArgumentException
        | io.opal.rpc.ServerStartException
        | java.util.concurrent.CompletionException
        | java.io.UncheckedIOException e) {
      Throwable cause =
          e instanceof java.util.concurrent.CompletionException && e.getCause() != null
              ? e.getCause()
              : e;
      err.println("opal devnet: " + cause.getMessage());
      err.flush();
      return 1;
    }
    var config = devnet.node().config();
    BlockHeader head = devnet.node().database().headHeader();
    out.printf(
        "opal devnet: L1 chain %d at %s%n"
            + "  L2 chain %d, head #%d %s%n"
            + "  L2 JSON-RPC  http://%s:%d (ws too)%n"
            + "  admin RPC    %s (JWT secret %s)%n"
            + "  devnet.json  %s%n",
        config.l1ChainId(),
        devnet.l1RpcUrl(),
        config.l2ChainId(),
        head.number(),
        head.hash(),
        host,
        devnet.node().rpcPort(),
        devnet.adminUrl(),
        devnet.adminSecretFile(),
        devnet.manifest());
    out.flush();
    return UntilSignal.run(devnet);
  }
}
