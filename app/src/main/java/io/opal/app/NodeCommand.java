package io.opal.app;

import io.opal.app.node.OpalNode;
import io.opal.execution.engine.SealedBlock;
import io.opal.execution.store.ChainStateException;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.ConfigException;
import io.opal.storage.StorageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opal node --dev}: a single-process dev chain that seals a block every block time from its
 * transaction pool and serves the public JSON-RPC. Runs until Ctrl-C or SIGTERM.
 */
@Command(
    name = "node",
    description =
        "Run an Opal node. With --dev: a local OP chain (id 901, the test mnemonic's accounts"
            + " prefunded) that seals a block every --block-time seconds and serves eth, net, web3"
            + " and txpool JSON-RPC over HTTP and WebSocket on 127.0.0.1.")
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dev",
      description =
          "Dev mode: generate (first start) or reopen a local dev chain. Required for now.")
  boolean dev;

  @Option(
      names = "--datadir",
      paramLabel = "DIR",
      defaultValue = "opal-dev",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path datadir;

  @Option(
      names = "--http.port",
      paramLabel = "PORT",
      defaultValue = "8545",
      description = "JSON-RPC HTTP and WebSocket port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--block-time",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "Seconds between blocks (default: ${DEFAULT-VALUE}).")
  long blockTime;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!dev) {
      err.println("opal node: only --dev mode exists so far");
      err.flush();
      return 2;
    }
    if (blockTime < 1) {
      err.println("opal node: --block-time must be at least 1");
      err.flush();
      return 2;
    }
    OpalNode node;
    try {
      node =
          OpalNode.startDev(
              new OpalNode.Options(datadir, "127.0.0.1", httpPort, Duration.ofSeconds(blockTime)),
              b -> logBlock(out, b));
    } catch (ConfigException
        | ChainStateException
        | StorageException
        | IllegalArgumentException
        | io.opal.rpc.ServerStartException e) {
      err.println("opal node: " + e.getMessage());
      err.flush();
      return 1;
    }
    BlockHeader head = node.database().headHeader();
    out.printf(
        "opal dev node: chain %d, head #%d %s, JSON-RPC on http://127.0.0.1:%d (ws too)%n",
        node.config().l2ChainId(), head.number(), head.hash(), node.rpcPort());
    out.flush();
    return UntilSignal.run(node);
  }

  private static void logBlock(PrintWriter out, SealedBlock b) {
    BlockHeader h = b.block().header();
    out.printf(
        "block #%d %s txs=%d gas=%d%n",
        h.number(), h.hash(), b.block().body().transactions().size(), h.gasUsed());
    out.flush();
  }
}
