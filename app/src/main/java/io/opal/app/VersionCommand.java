package io.opal.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code opal version}: prints the version, the JVM and the platform. */
@Command(name = "version", description = "Print Opal's version and exit.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(OpalVersion.describe());
    return 0;
  }
}
