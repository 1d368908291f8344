package io.opal.rpc.methods;

import io.opal.rpc.RpcMethodRegistry;
import java.util.function.IntSupplier;

/** The {@code net_} namespace. */
public final class NetApi {
  private NetApi() {}

  /**
   * @param networkId answered by {@code net_version} as a decimal string (geth answers the chain id
   *     on OP chains)
   * @param peerCount current number of P2P peers, for {@code net_peerCount}
   */
  public static void register(RpcMethodRegistry registry, long networkId, IntSupplier peerCount) {
    registry.register("net_version", 0, p -> Long.toUnsignedString(networkId));
    registry.register("net_listening", 0, p -> Boolean.TRUE);
    registry.register("net_peerCount", 0, p -> (long) peerCount.getAsInt());
  }
}
