package io.opal.app;

import io.opal.execution.genesis.ChainInitializer;
import io.opal.execution.store.ChainStateException;
import io.opal.primitives.config.ConfigException;
import io.opal.storage.StorageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opal init}: writes the genesis block of a chain into a data directory (see {@link
 * ChainInitializer}) and prints its hash and state root.
 */
@Command(
    name = "init",
    description =
        "Write the genesis block (header, state, heads, chain config) of an OP chain into a data"
            + " directory, from op-geth's genesis.json and the chain config (op-node rollup.json or"
            + " a superchain-registry .toml with its superchain.toml beside it). Prints the genesis"
            + " block hash and state root. Safe to repeat with the same files.")
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--datadir", required = true, paramLabel = "DIR", description = "Data directory.")
  Path datadir;

  @Option(
      names = "--genesis",
      required = true,
      paramLabel = "FILE",
      description = "op-geth genesis.json.")
  Path genesis;

  @Option(
      names = "--chain-config",
      required = true,
      paramLabel = "FILE",
      description = "op-node rollup.json, or a superchain-registry chain .toml.")
  Path chainConfig;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ChainInitializer.Result r;
    try {
      r = ChainInitializer.initialize(datadir, genesis, chainConfig);
    } catch (ConfigException | ChainStateException | StorageException e) {
      err.println("opal init: " + e.getMessage());
      err.flush();
      return 1;
    }
    out.println("genesis block hash: " + r.genesis().hash());
    out.println("genesis number:     " + r.genesis().number());
    out.println("state root:         " + r.stateRoot());
    out.println("chain id:           " + r.config().l2ChainId());
    out.println(
        "database:           "
            + r.database()
            + (r.outcome() == ChainInitializer.Outcome.CREATED
                ? " (created)"
                : " (already initialised with this genesis; left unchanged)"));
    out.flush();
    return 0;
  }
}
