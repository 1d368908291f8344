package io.opal.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code opal} command line: one process that is a whole OP Stack L2 node. */
@Command(
    name = "opal",
    mixinStandardHelpOptions = true,
    versionProvider = OpalVersion.Provider.class,
    description =
        "Opal: an OP Stack L2 node (execution, sequencer, derivation, P2P) in one process.",
    subcommands = {
      VersionCommand.class,
      InitCommand.class,
      NodeCommand.class,
      DevnetCommand.class,
      EvmCommand.class,
      ReplayCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OpalMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return new CommandLine(new OpalMain()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
