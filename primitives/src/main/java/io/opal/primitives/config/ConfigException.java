package io.opal.primitives.config;

/** A chain or rollup configuration that cannot be used, saying which file and field and why. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
