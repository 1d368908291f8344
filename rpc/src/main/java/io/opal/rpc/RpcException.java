package io.opal.rpc;

import java.util.Objects;
import java.util.Optional;

/**
 * A JSON-RPC error a method reports to its caller: the {@code code}, {@code message} and optional
 * {@code data} of the response's error object. Codes follow JSON-RPC 2.0 and EIP-1474 as geth uses
 * them; server errors without a more specific code use {@link #SERVER_ERROR} (-32000) with geth's
 * message text, because wallets and tools match on that text ("nonce too low", ...).
 *
 * <p>{@code data} is any value the result writer accepts (a hex string for revert data, usually).
 * No stack trace is ever sent: this exception does not fill one in.
 */
public final class RpcException extends Exception {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  public static final int SERVER_ERROR = -32000;
  public static final int NOTIFICATIONS_UNSUPPORTED = -32001;
  public static final int TIMEOUT = -32002;
  public static final int RESPONSE_TOO_LARGE = -32003;
  public static final int LIMIT_EXCEEDED = -32005;

  /** geth's code for "execution reverted", with the revert data as {@code data}. */
  public static final int EXECUTION_REVERTED = 3;

  private final int code;
  private final transient Object data;

  public RpcException(int code, String message) {
    this(code, message, null);
  }

  public RpcException(int code, String message, Object data) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.code = code;
    this.data = data;
  }

  public int code() {
    return code;
  }

  public Optional<Object> data() {
    return Optional.ofNullable(data);
  }

  /** -32602 with geth's wording, naming the argument by its position. */
  public static RpcException invalidArgument(int index, String reason) {
    return new RpcException(INVALID_PARAMS, "invalid argument " + index + ": " + reason);
  }

  public static RpcException invalidParams(String message) {
    return new RpcException(INVALID_PARAMS, message);
  }

  /** -32000: the catch-all server error geth returns for failures a method reports. */
  public static RpcException serverError(String message) {
    return new RpcException(SERVER_ERROR, message);
  }

  public static RpcException methodNotFound(String method) {
    return new RpcException(
        METHOD_NOT_FOUND, "the method " + method + " does not exist/is not available");
  }

  public static RpcException limitExceeded(String message) {
    return new RpcException(LIMIT_EXCEEDED, message);
  }
}
