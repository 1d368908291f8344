package io.opal.rpc;

/** A JSON-RPC server could not start, e.g. because its port is taken; the message says which. */
public final class ServerStartException extends IllegalStateException {
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
