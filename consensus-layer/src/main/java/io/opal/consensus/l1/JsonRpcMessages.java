package io.opal.consensus.l1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** JSON-RPC 2.0 requests and responses, shared by the HTTP and WebSocket transports. */
final class JsonRpcMessages {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonRpcMessages() {}

  static byte[] request(long id, String method, ArrayNode params) {
    ObjectNode request = MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", id);
    request.put("method", method);
    request.set("params", params);
    try {
      return MAPPER.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static JsonNode parse(String method, byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new L1Exception(
          L1Exception.Kind.CRITICAL, method + ": the response is not JSON: " + e.getMessage(), e);
    }
  }

  /** The {@code result} of a response object, or the L1Exception its {@code error} means. */
  static JsonNode result(String method, JsonNode response) {
    if (response == null || !response.isObject()) {
      throw new L1Exception(
          L1Exception.Kind.CRITICAL, method + ": the response is not a JSON-RPC object");
    }
    JsonNode error = response.get("error");
    if (error != null && !error.isNull()) {
      int code = error.path("code").asInt(0);
      String message = error.path("message").asText("");
      JsonNode data = error.get("data");
      if (data != null && !data.isNull()) {
        message = message + " (data: " + (data.isTextual() ? data.asText() : data.toString()) + ")";
      }
      throw L1Exception.rpcError(method, code, message);
    }
    if (!response.has("result")) {
      throw new L1Exception(
          L1Exception.Kind.CRITICAL, method + ": the response has neither result nor error");
    }
    JsonNode result = response.get("result");
    return result == null ? NullNode.getInstance() : result;
  }
}
