package io.opal.rpc;

import java.util.Optional;

/**
 * Decides whether an HTTP request or WebSocket upgrade may reach the methods, from its {@code
 * Authorization} header (null when absent). A refusal is answered with HTTP 401 and the reason.
 */
@FunctionalInterface
public interface RpcAuthenticator {
  /** Empty to accept; otherwise why the request is refused ("missing token", "stale token"...). */
  Optional<String> refusal(String authorizationHeader);
}
