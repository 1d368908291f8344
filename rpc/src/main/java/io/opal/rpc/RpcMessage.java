package io.opal.rpc;

import java.util.Optional;

/** One element of a request body, as {@link RequestParser} classifies it. */
sealed interface RpcMessage {

  /** A call, or a notification when {@code id} is empty. */
  record Call(Optional<RequestId> id, String method, RawJson params) implements RpcMessage {
    boolean isNotification() {
      return id.isEmpty();
    }
  }

  /** Not a valid request; answered with -32600 and the id when it had a usable one. */
  record Invalid(RequestId id, String reason) implements RpcMessage {}
}
