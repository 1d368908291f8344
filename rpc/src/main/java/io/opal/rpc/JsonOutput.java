package io.opal.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Writes method results as JSON in the Ethereum API's conventions. What a result may be:
 *
 * <ul>
 *   <li>{@code null}, an empty {@link Optional} or {@link OptionalLong}: JSON null;
 *   <li>{@link String}, {@link Boolean}: themselves;
 *   <li>any Java integer ({@link Long}, {@link Integer}, {@link BigInteger}, {@link UInt256}): a
 *       hex QUANTITY, longs read as unsigned — the API has no plain JSON numbers (use a {@link
 *       JsonNode} for the rare exception);
 *   <li>{@link Address}, {@link Hash}, {@link Bytes}, {@code byte[]}: hex DATA, lower case;
 *   <li>{@link JsonNode}, {@link JsonWritable}: written as they are;
 *   <li>a {@link Collection} (array) or a {@link Map} with string keys (object, in map order) of
 *       any of these.
 * </ul>
 *
 * Anything else is a programming error and fails the call with an internal error.
 */
public final class JsonOutput {
  private JsonOutput() {}

  public static void write(JsonGenerator g, Object value) throws IOException {
    switch (value) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Long l -> g.writeString(RpcHex.quantity(l));
      case Integer i -> g.writeString(RpcHex.quantity(Integer.toUnsignedLong(i)));
      case UInt256 u -> g.writeString(RpcHex.quantity(u));
      case BigInteger b -> g.writeString(RpcHex.quantity(b));
      case Address a -> g.writeString(RpcHex.data(a.toArray()));
      case Hash h -> g.writeString(RpcHex.data(h.toArray()));
      case Bytes b -> g.writeString(RpcHex.data(b));
      case byte[] b -> g.writeString(RpcHex.data(b));
      case JsonWritable w -> w.writeJson(g);
      case JsonNode n -> g.writeTree(n);
      case Optional<?> o -> write(g, o.orElse(null));
      case OptionalLong o -> {
        if (o.isPresent()) {
          g.writeString(RpcHex.quantity(o.getAsLong()));
        } else {
          g.writeNull();
        }
      }
      case Collection<?> c -> {
        g.writeStartArray();
        for (Object item : c) {
          write(g, item);
        }
        g.writeEndArray();
      }
      case Map<?, ?> m -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      default ->
          throw new IllegalArgumentException(
              "no JSON-RPC encoding for " + value.getClass().getName());
    }
  }

  /** The JSON text of a result value, as the server would send it. */
  public static String toJson(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = RpcJson.FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
