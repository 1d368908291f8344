package io.opal.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opal.primitives.Hash;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request body into its response body, independent of the transport: parse, check limits,
 * run each call on the caller's thread under the call timeout ({@link CallWatchdog}), and encode
 * the answers. Nothing escapes as an exception: every failure becomes a JSON-RPC error object.
 * Batches run their calls in order (as geth does), under one deadline for the whole batch.
 */
final class RpcDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

  /** What to send back, and what to run once it has been handed to the connection. */
  record Response(Optional<byte[]> body, List<Runnable> afterSend) {
    static final Response NONE = new Response(Optional.empty(), List.of());
  }

  /** One call's encoded answer (absent for a notification). */
  private record Answer(byte[] json, List<Runnable> afterSend) {}

  private final RpcMethodRegistry registry;
  private final RpcServerConfig config;
  private final CallWatchdog watchdog;
  private final RequestParser parser;
  private final RpcMethodRegistry.Registered modulesMethod;

  RpcDispatcher(RpcMethodRegistry registry, RpcServerConfig config, CallWatchdog watchdog) {
    this.registry = registry;
    this.config = config;
    this.watchdog = watchdog;
    this.parser = new RequestParser(config.maxBatchSize());
    this.modulesMethod = new RpcMethodRegistry.Registered("rpc_modules", "rpc", 0, p -> modules());
  }

  Response handle(byte[] body, RpcConnection connection) {
    return switch (parser.parse(body)) {
      case ParsedBody.Malformed m ->
          single(ResponseEncoder.error(RequestId.NULL, RpcException.PARSE_ERROR, "parse error"));
      case ParsedBody.Single s -> {
        Answer a = answer(s.message(), connection, deadlineFromNow());
        yield a == null ? Response.NONE : new Response(Optional.of(a.json()), a.afterSend());
      }
      case ParsedBody.Batch b -> batch(b, connection);
    };
  }

  private Response batch(ParsedBody.Batch b, RpcConnection connection) {
    if (b.totalSize() == 0) {
      return single(
          ResponseEncoder.error(RequestId.NULL, RpcException.INVALID_REQUEST, "empty batch"));
    }
    if (b.totalSize() > config.maxBatchSize()) {
      byte[] err =
          ResponseEncoder.error(
              b.firstCallId().orElse(RequestId.NULL),
              RpcException.INVALID_REQUEST,
              "batch too large");
      return single(ResponseEncoder.array(List.of(err)));
    }
    long deadline = deadlineFromNow();
    List<byte[]> answers = new ArrayList<>();
    List<Runnable> afterSend = new ArrayList<>();
    long size = 0;
    List<RpcMessage> messages = b.messages();
    for (int i = 0; i < messages.size(); i++) {
      RpcMessage m = messages.get(i);
      if (size > config.maxBatchResponseBytes()) {
        answerRemaining(
            messages, i, answers, RpcException.RESPONSE_TOO_LARGE, "response too large");
        break;
      }
      if (System.nanoTime() - deadline >= 0) {
        answerRemaining(messages, i, answers, RpcException.TIMEOUT, "request timed out");
        break;
      }
      Answer a = answer(m, connection, deadline);
      if (a != null) {
        answers.add(a.json());
        afterSend.addAll(a.afterSend());
        size += a.json().length;
      }
    }
    if (answers.isEmpty()) {
      return Response.NONE;
    }
    return new Response(Optional.of(ResponseEncoder.array(answers)), afterSend);
  }

  /** Answers every call from {@code from} on with the same error, without running it. */
  private static void answerRemaining(
      List<RpcMessage> messages, int from, List<byte[]> answers, int code, String message) {
    for (int j = from; j < messages.size(); j++) {
      switch (messages.get(j)) {
        case RpcMessage.Call c when c.id().isPresent() ->
            answers.add(ResponseEncoder.error(c.id().get(), code, message));
        case RpcMessage.Invalid inv ->
            answers.add(
                ResponseEncoder.error(inv.id(), RpcException.INVALID_REQUEST, inv.reason()));
        default -> {}
      }
    }
  }

  private Answer answer(RpcMessage message, RpcConnection connection, long deadline) {
    return switch (message) {
      case RpcMessage.Invalid inv ->
          new Answer(
              ResponseEncoder.error(inv.id(), RpcException.INVALID_REQUEST, inv.reason()),
              List.of());
      case RpcMessage.Call call -> {
        Outcome outcome = run(call, connection, deadline);
        if (call.isNotification()) {
          yield null;
        }
        yield outcome.encode(call.id().get(), config.maxResponseBytes());
      }
    };
  }

  /** A call's result or error, before encoding. */
  private record Outcome(Object result, RpcException error, List<Runnable> afterSend) {
    Answer encode(RequestId id, long maxBytes) {
      if (error != null) {
        return new Answer(
            ResponseEncoder.error(id, error.code(), error.getMessage(), error.data().orElse(null)),
            List.of());
      }
      try {
        return new Answer(ResponseEncoder.result(id, result, maxBytes), afterSend);
      } catch (BoundedOutput.LimitExceeded e) {
        return new Answer(
            ResponseEncoder.error(id, RpcException.RESPONSE_TOO_LARGE, "response too large"),
            List.of());
      } catch (IOException | RuntimeException e) {
        LOG.error("Cannot encode the result of a call", e);
        return new Answer(
            ResponseEncoder.error(id, RpcException.INTERNAL_ERROR, "internal error"), List.of());
      }
    }

    static Outcome failed(RpcException e) {
      return new Outcome(null, e, List.of());
    }
  }

  private Outcome run(RpcMessage.Call call, RpcConnection connection, long deadline) {
    String name = call.method();
    if (name.length() > RpcMethodRegistry.MAX_METHOD_NAME_LENGTH) {
      return Outcome.failed(
          new RpcException(
              RpcException.INVALID_REQUEST,
              "method name too long: "
                  + name.length()
                  + " > "
                  + RpcMethodRegistry.MAX_METHOD_NAME_LENGTH));
    }
    Optional<RpcMethodRegistry.Registered> found =
        "rpc_modules".equals(name) ? Optional.of(modulesMethod) : registry.lookup(name);
    if (found.isEmpty() || !config.isApiEnabled(found.get().namespace())) {
      return Outcome.failed(RpcException.methodNotFound(name));
    }
    RpcMethodRegistry.Registered method = found.get();
    RpcParams params;
    try {
      params = RpcParams.parse(name, call.params(), method.maxParams(), connection);
    } catch (RpcException e) {
      return Outcome.failed(e);
    }
    CallWatchdog.Alarm alarm = watchdog.arm(deadline - System.nanoTime());
    Outcome outcome;
    try {
      outcome = new Outcome(method.method().invoke(params), null, params.afterResponseActions());
    } catch (RpcException e) {
      outcome = Outcome.failed(e);
    } catch (RuntimeException | Error e) {
      outcome = null;
      if (System.nanoTime() - deadline < 0) {
        LOG.error("Method {} failed", name, e);
        outcome = Outcome.failed(new RpcException(RpcException.INTERNAL_ERROR, "internal error"));
      }
    } finally {
      alarm.disarm();
    }
    // Whatever it returned, a call that ran past its deadline (and was interrupted) timed out.
    if (System.nanoTime() - deadline >= 0) {
      return Outcome.failed(new RpcException(RpcException.TIMEOUT, "request timed out"));
    }
    return outcome;
  }

  private Map<String, String> modules() {
    Map<String, String> out = new TreeMap<>();
    for (String ns : registry.namespaces()) {
      if (config.isApiEnabled(ns)) {
        out.put(ns, "1.0");
      }
    }
    out.put("rpc", "1.0");
    return out;
  }

  private long deadlineFromNow() {
    Duration t = config.callTimeout();
    return System.nanoTime() + t.toNanos();
  }

  private static Response single(byte[] json) {
    return new Response(Optional.of(json), List.of());
  }

  /** Writes response objects: {@code {"jsonrpc":"2.0","id":..,"result"|"error":..}}. */
  static final class ResponseEncoder {
    private static final byte[] FALLBACK_ERROR =
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"internal error\"}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final byte[] RESULT_HEAD =
        "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] RESULT_MIDDLE =
        ",\"result\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX =
        "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ResponseEncoder() {}

    static byte[] result(RequestId id, Object result, long maxBytes) throws IOException {
      if (result instanceof Hash h && id instanceof RequestId.NumberId n && maxBytes >= 256) {
        return hashResult(n.literal(), h); // eth_sendRawTransaction's answer, the ingestion path
      }
      BoundedOutput out = new BoundedOutput(256, maxBytes);
      try (JsonGenerator g = RpcJson.FACTORY.createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeFieldName("id");
        id.writeTo(g);
        g.writeFieldName("result");
        JsonOutput.write(g, result);
        g.writeEndObject();
      }
      return out.toByteArray();
    }

    /**
     * The bytes Jackson would write for a hash result with a numeric id, without a generator per
     * call. The id literal came from the parser, so it is a valid JSON number.
     */
    private static byte[] hashResult(String idLiteral, Hash hash) {
      byte[] head = RESULT_HEAD;
      byte[] out = new byte[head.length + idLiteral.length() + RESULT_MIDDLE.length + 66 + 2];
      System.arraycopy(head, 0, out, 0, head.length);
      int at = head.length;
      for (int i = 0; i < idLiteral.length(); i++) {
        out[at++] = (byte) idLiteral.charAt(i);
      }
      System.arraycopy(RESULT_MIDDLE, 0, out, at, RESULT_MIDDLE.length);
      at += RESULT_MIDDLE.length;
      out[at++] = '0';
      out[at++] = 'x';
      byte[] h = hash.bytes().toArrayUnsafe();
      for (byte b : h) {
        out[at++] = HEX[(b >> 4) & 0xf];
        out[at++] = HEX[b & 0xf];
      }
      out[at++] = '"';
      out[at] = '}';
      return out;
    }

    static byte[] error(RequestId id, int code, String message) {
      return error(id, code, message, null);
    }

    static byte[] error(RequestId id, int code, String message, Object data) {
      BoundedOutput out = new BoundedOutput(128, Long.MAX_VALUE);
      try (JsonGenerator g = RpcJson.FACTORY.createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeFieldName("id");
        id.writeTo(g);
        g.writeObjectFieldStart("error");
        g.writeNumberField("code", code);
        g.writeStringField("message", message);
        if (data != null) {
          g.writeFieldName("data");
          JsonOutput.write(g, data);
        }
        g.writeEndObject();
        g.writeEndObject();
      } catch (IOException | RuntimeException e) {
        // Only an unencodable data value can get here; the error without it still informs.
        return data == null ? FALLBACK_ERROR.clone() : error(id, code, message, null);
      }
      return out.toByteArray();
    }

    static byte[] array(List<byte[]> elements) {
      int size = 2 + Math.max(0, elements.size() - 1);
      for (byte[] e : elements) {
        size += e.length;
      }
      byte[] out = new byte[size];
      int at = 0;
      out[at++] = '[';
      for (int i = 0; i < elements.size(); i++) {
        if (i > 0) {
          out[at++] = ',';
        }
        byte[] e = elements.get(i);
        System.arraycopy(e, 0, out, at, e.length);
        at += e.length;
      }
      out[at] = ']';
      return out;
    }
  }
}
