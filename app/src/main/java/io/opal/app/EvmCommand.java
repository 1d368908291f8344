package io.opal.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code opal evm}: tools around the EVM (state tests, running bytecode). */
@Command(
    name = "evm",
    description = "EVM tools: run ethereum/tests state tests, run bytecode.",
    subcommands = {StateTestCommand.class, EvmRunCommand.class, CommandLine.HelpCommand.class})
final class EvmCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
