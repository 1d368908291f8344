package io.opal.rpc;

import java.util.Optional;

/**
 * Plain HTTP GET routes served beside JSON-RPC on the same port, such as the few beacon-API routes
 * of the embedded L1 ({@code /eth/v1/beacon/genesis}...). Called on a virtual thread: it may block.
 * Paths it does not serve fall through to the server's usual answers.
 */
@FunctionalInterface
public interface HttpGetRoutes {
  /**
   * @param path the request path, without the query
   * @param query the raw query string, or empty
   * @return the answer, or empty when this path is not served here
   */
  Optional<Answer> get(String path, Optional<String> query);

  /** An HTTP answer with a JSON body. */
  record Answer(int status, byte[] json) {
    public static Answer ok(byte[] json) {
      return new Answer(200, json);
    }

    /** A beacon-API style error body: {@code {"code":404,"message":"..."}}. */
    public static Answer error(int status, String message) {
      String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
      return new Answer(
          status,
          ("{\"code\":" + status + ",\"message\":\"" + escaped + "\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
