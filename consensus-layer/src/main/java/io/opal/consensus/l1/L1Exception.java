package io.opal.consensus.l1;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why an L1 request failed, classified so that the caller knows what to do: retry later ({@link
 * Kind#TEMPORARY}), wait for the data to appear ({@link Kind#NOT_FOUND}), reset to a common
 * ancestor ({@link Kind#REORG}) or stop and report ({@link Kind#CRITICAL}).
 *
 * <p>A JSON-RPC error answer carries the node's code and message ({@link #rpcCode()}, {@link
 * #rpcMessage()}) so that callers such as a transaction manager can read "nonce too low" and the
 * like.
 */
public final class L1Exception extends RuntimeException {

  /** What the failure means to the caller. */
  public enum Kind {
    /**
     * The node could not answer now (connection refused or reset, timeout, HTTP 5xx or 429,
     * JSON-RPC rate limit -32005): the same request may succeed later. The client has already
     * retried it as its {@link RetryPolicy} allows.
     */
    TEMPORARY,
    /** The block, transaction or receipt does not exist (yet) on the node's canonical chain. */
    NOT_FOUND,
    /** The chain the caller followed was replaced further back than it can follow. */
    REORG,
    /**
     * Retrying will not help: the node rejected the request, or answered with data that does not
     * verify (a header whose hash is not the one given, a malformed response).
     */
    CRITICAL
  }

  private final Kind kind;
  private final Integer rpcCode;
  private final String rpcMessage;

  public L1Exception(Kind kind, String message) {
    this(kind, message, null, null, null);
  }

  public L1Exception(Kind kind, String message, Throwable cause) {
    this(kind, message, null, null, cause);
  }

  private L1Exception(
      Kind kind, String message, Integer rpcCode, String rpcMessage, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.rpcCode = rpcCode;
    this.rpcMessage = rpcMessage;
  }

  /**
   * A JSON-RPC error answer: temporary for the rate limit (-32005, "limit exceeded"), not found for
   * the "header not found" / "unknown block" family, critical otherwise.
   */
  public static L1Exception rpcError(String method, int code, String message) {
    String text = message == null ? "" : message;
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    Kind kind;
    if (code == -32005 || lower.contains("rate limit") || lower.contains("too many requests")) {
      kind = Kind.TEMPORARY;
    } else if (lower.contains("header not found")
        || lower.contains("block not found")
        || lower.contains("unknown block")) {
      kind = Kind.NOT_FOUND;
    } else {
      kind = Kind.CRITICAL;
    }
    return new L1Exception(
        kind, method + " failed: JSON-RPC error " + code + ": " + text, code, text, null);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isTemporary() {
    return kind == Kind.TEMPORARY;
  }

  /** The JSON-RPC error code, when the node answered with an error object. */
  public OptionalInt rpcCode() {
    return rpcCode == null ? OptionalInt.empty() : OptionalInt.of(rpcCode);
  }

  /** The JSON-RPC error message, when the node answered with an error object. */
  public Optional<String> rpcMessage() {
    return Optional.ofNullable(rpcMessage);
  }

  /**
   * The L1Exception behind a future's failure ({@link CompletionException} and {@link
   * ExecutionException} are unwrapped); any other throwable becomes a critical one.
   */
  public static L1Exception of(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof L1Exception e) {
      return e;
    }
    return new L1Exception(Kind.CRITICAL, "unexpected failure: " + cause, cause);
  }
}
