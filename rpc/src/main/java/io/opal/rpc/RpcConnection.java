package io.opal.rpc;

import java.util.Optional;

/** Where a call came from: what a method may ask about its caller. */
public interface RpcConnection {
  enum Transport {
    HTTP,
    WEBSOCKET,
    /** A call made inside the process (tests, other namespaces). */
    IN_PROCESS
  }

  Transport transport();

  /** The peer's address, when the transport has one. */
  Optional<String> remoteAddress();

  /** A connection of the given transport without an address. */
  static RpcConnection of(Transport transport) {
    return new RpcConnection() {
      @Override
      public Transport transport() {
        return transport;
      }

      @Override
      public Optional<String> remoteAddress() {
        return Optional.empty();
      }
    };
  }
}
