package io.opal.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a request body into messages with one streaming pass. The whole body must be well-formed
 * JSON (else -32700, as geth); each message is then classified as geth does: a call needs {@code
 * "jsonrpc": "2.0"}, a non-empty string {@code method} and an {@code id} that is a string, number
 * or null; without {@code id} it is a notification; anything else is an invalid request (-32600).
 * Parameters are not parsed here, only located.
 */
final class RequestParser {
  private final int maxBatchSize;

  RequestParser(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
  }

  ParsedBody parse(byte[] body) {
    try (JsonParser p = RpcJson.FACTORY.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new ParsedBody.Malformed("empty request body");
      }
      ParsedBody parsed =
          first == JsonToken.START_ARRAY
              ? readBatch(p, body)
              : new ParsedBody.Single(readMessage(p, body));
      if (p.nextToken() != null) {
        return new ParsedBody.Malformed("trailing data after the request");
      }
      return parsed;
    } catch (IOException e) {
      return new ParsedBody.Malformed("parse error");
    }
  }

  private ParsedBody readBatch(JsonParser p, byte[] body) throws IOException {
    List<RpcMessage> messages = new ArrayList<>();
    Optional<RequestId> firstCallId = Optional.empty();
    int total = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      total++;
      if (total > maxBatchSize + 1) {
        p.skipChildren(); // keep checking the syntax, keep nothing
        continue;
      }
      RpcMessage m = readMessage(p, body);
      if (firstCallId.isEmpty() && m instanceof RpcMessage.Call c && c.id().isPresent()) {
        firstCallId = c.id();
      }
      messages.add(m);
    }
    return new ParsedBody.Batch(messages, total, firstCallId);
  }

  /** Reads one message; the parser is on its first token and is left on its last. */
  private static RpcMessage readMessage(JsonParser p, byte[] body) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return new RpcMessage.Invalid(RequestId.NULL, "invalid request");
    }
    String version = null;
    String method = null;
    RequestId id = null;
    boolean idInvalid = false;
    RawJson params = RawJson.ABSENT;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "jsonrpc" -> version = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case "method" -> method = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case "id" -> {
          id = readId(p, value);
          idInvalid = id == null;
        }
        case "params" -> params = locateParams(p, value, body);
        default -> {}
      }
      p.skipChildren();
    }
    boolean validHeader = "2.0".equals(version) && method != null && !method.isEmpty();
    if (validHeader && !idInvalid) {
      return new RpcMessage.Call(Optional.ofNullable(id), method, params);
    }
    return new RpcMessage.Invalid(id == null ? RequestId.NULL : id, "invalid request");
  }

  /** The id, or null for a value JSON-RPC does not allow as an id (object, array, boolean). */
  private static RequestId readId(JsonParser p, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_STRING -> new RequestId.StringId(p.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new RequestId.NumberId(p.getText());
      case VALUE_NULL -> RequestId.NULL;
      default -> null;
    };
  }

  private static RawJson locateParams(JsonParser p, JsonToken value, byte[] body)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return RawJson.ABSENT;
    }
    if (value != JsonToken.START_ARRAY) {
      return RawJson.NOT_AN_ARRAY;
    }
    long start = p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    long end = p.currentTokenLocation().getByteOffset() + 1;
    return new RawJson(body, (int) start, (int) (end - start));
  }
}
