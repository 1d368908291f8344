package io.opal.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The positional arguments of one call, with typed readers that fail as geth does: a missing or
 * null required argument is "missing value for required argument N", a malformed one "invalid
 * argument N: why" (both -32602). Optional arguments may be absent or null. The call context (which
 * connection it came on) travels with them.
 */
public final class RpcParams {
  private final String method;
  private final List<JsonNode> args;
  private final RpcConnection connection;
  private final List<Runnable> afterResponse = new ArrayList<>(0);

  private RpcParams(String method, List<JsonNode> args, RpcConnection connection) {
    this.method = method;
    this.args = args;
    this.connection = connection;
  }

  /**
   * Parses a call's {@code params}: at most {@code maxParams} elements are parsed; more is an
   * error, as is a {@code params} that is not an array.
   */
  static RpcParams parse(String method, RawJson raw, int maxParams, RpcConnection connection)
      throws RpcException {
    if (raw.length() < 0) {
      throw RpcException.invalidParams("non-array args");
    }
    List<JsonNode> args = new ArrayList<>(Math.min(maxParams, 8));
    if (raw.isArray()) {
      try (JsonParser p = RpcJson.FACTORY.createParser(raw.source(), raw.offset(), raw.length())) {
        p.setCodec(RpcJson.MAPPER);
        p.nextToken(); // the array's start, checked by the request parser
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (args.size() == maxParams) {
            throw RpcException.invalidParams("too many arguments, want at most " + maxParams);
          }
          args.add(p.readValueAsTree());
        }
      } catch (IOException e) {
        // The body was checked as a whole before; a failure here is a limit of the tree reader.
        throw RpcException.invalidParams("invalid params: unreadable argument");
      }
    }
    return new RpcParams(method, args, connection);
  }

  /** Arguments given directly, for tests and for methods that call other methods. */
  public static RpcParams of(List<JsonNode> args, RpcConnection connection) {
    return new RpcParams("", List.copyOf(args), connection);
  }

  /** Parses {@code json} (an array) as the arguments of a call on {@code connection}. */
  public static RpcParams ofJson(String json, RpcConnection connection) throws RpcException {
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return parse("", new RawJson(bytes, 0, bytes.length), Integer.MAX_VALUE, connection);
  }

  /** The method called. */
  public String method() {
    return method;
  }

  public RpcConnection connection() {
    return connection;
  }

  /** Number of arguments given, trailing nulls included. */
  public int size() {
    return args.size();
  }

  /** Whether argument {@code i} is given and not null. */
  public boolean has(int i) {
    return i < args.size() && !args.get(i).isNull();
  }

  /** Argument {@code i} as JSON; it must be present. */
  public JsonNode get(int i) throws RpcException {
    if (!has(i)) {
      throw RpcException.invalidParams("missing value for required argument " + i);
    }
    return args.get(i);
  }

  public Optional<JsonNode> optional(int i) {
    return has(i) ? Optional.of(args.get(i)) : Optional.empty();
  }

  /** Reads argument {@code i} with {@code reader}, reporting its failure as argument {@code i}. */
  public <T> T read(int i, Function<JsonNode, T> reader) throws RpcException {
    JsonNode node = get(i);
    try {
      return reader.apply(node);
    } catch (IllegalArgumentException | DecodingException e) {
      throw RpcException.invalidArgument(i, e.getMessage());
    }
  }

  public <T> Optional<T> readOptional(int i, Function<JsonNode, T> reader) throws RpcException {
    return has(i) ? Optional.of(read(i, reader)) : Optional.empty();
  }

  public long quantityLong(int i) throws RpcException {
    return read(i, JsonValues::quantityLong);
  }

  public OptionalLong optionalQuantityLong(int i) throws RpcException {
    return has(i) ? OptionalLong.of(quantityLong(i)) : OptionalLong.empty();
  }

  public UInt256 quantity(int i) throws RpcException {
    return read(i, JsonValues::quantity);
  }

  public Bytes data(int i) throws RpcException {
    return read(i, JsonValues::data);
  }

  public Address address(int i) throws RpcException {
    return read(i, JsonValues::address);
  }

  public Hash hash(int i) throws RpcException {
    return read(i, JsonValues::hash);
  }

  public boolean bool(int i) throws RpcException {
    return read(i, JsonValues::bool);
  }

  /** An optional boolean, false when absent. */
  public boolean flag(int i) throws RpcException {
    return has(i) && bool(i);
  }

  public String string(int i) throws RpcException {
    return read(i, JsonValues::string);
  }

  /** A block tag or number (geth's {@code rpc.BlockNumber}). */
  public BlockParameter blockNumber(int i) throws RpcException {
    return read(i, JsonValues::blockNumber);
  }

  /** A block tag, number, hash or EIP-1898 object (geth's {@code rpc.BlockNumberOrHash}). */
  public BlockParameter blockNumberOrHash(int i) throws RpcException {
    return read(i, JsonValues::blockNumberOrHash);
  }

  /** As {@link #blockNumberOrHash}, {@code latest} when absent. */
  public BlockParameter blockNumberOrHashOrLatest(int i) throws RpcException {
    return has(i) ? blockNumberOrHash(i) : BlockParameter.LATEST;
  }

  /**
   * Runs {@code action} once the response to this call has been handed to the connection: a
   * subscription starts delivering only after its id has been sent.
   */
  public void afterResponse(Runnable action) {
    afterResponse.add(action);
  }

  List<Runnable> afterResponseActions() {
    return afterResponse;
  }
}
