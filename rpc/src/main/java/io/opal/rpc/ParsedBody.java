package io.opal.rpc;

import java.util.List;
import java.util.Optional;

/** A request body: not JSON at all, one message, or a batch. */
sealed interface ParsedBody {

  /** Not well-formed JSON (or over the parser's structural limits): -32700. */
  record Malformed(String reason) implements ParsedBody {}

  record Single(RpcMessage message) implements ParsedBody {}

  /**
   * A batch. When it has more than the limit, {@code messages} holds only the first {@code limit +
   * 1} and {@code firstCallId} the id of the first call, for the "batch too large" answer.
   */
  record Batch(List<RpcMessage> messages, int totalSize, Optional<RequestId> firstCallId)
      implements ParsedBody {}
}
