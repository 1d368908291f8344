package io.opal.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** Opal's version, written into the jar at build time. */
public final class OpalVersion {
  private OpalVersion() {}

  public static String version() {
    Properties props = new Properties();
    try (InputStream in = OpalVersion.class.getResourceAsStream("/opal-version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props.getProperty("opal.version", "unknown");
  }

  /** The line {@code opal version} and {@code opal --version} print. */
  public static String describe() {
    return "opal "
        + version()
        + " (java "
        + Runtime.version()
        + ", "
        + System.getProperty("os.name")
        + "/"
        + System.getProperty("os.arch")
        + ")";
  }

  /** Feeds {@code --version}. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {describe()};
    }
  }
}
