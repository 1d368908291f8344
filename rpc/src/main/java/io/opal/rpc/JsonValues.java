package io.opal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Strict readers for the JSON value shapes of the Ethereum API, for method parameters and the
 * fields of parameter objects (call requests, log filters...). Every reader throws an {@link
 * IllegalArgumentException} whose message says what was wrong; {@link RpcParams} turns it into a
 * -32602 error naming the argument.
 */
public final class JsonValues {
  private JsonValues() {}

  public static long quantityLong(JsonNode node) {
    return RpcHex.decodeLong(text(node, "quantity"));
  }

  public static UInt256 quantity(JsonNode node) {
    return RpcHex.decodeUInt256(text(node, "quantity"));
  }

  public static Bytes data(JsonNode node) {
    return Bytes.wrap(RpcHex.decodeData(text(node, "hex data")));
  }

  public static Address address(JsonNode node) {
    return RpcHex.decodeAddress(text(node, "address"));
  }

  public static Hash hash(JsonNode node) {
    return RpcHex.decodeHash(text(node, "hash"));
  }

  public static boolean bool(JsonNode node) {
    if (!node.isBoolean()) {
      throw new IllegalArgumentException(
          "cannot unmarshal " + kind(node) + " into a boolean (want true or false)");
    }
    return node.booleanValue();
  }

  public static String string(JsonNode node) {
    return text(node, "string");
  }

  /** A block tag or a hex block number, as geth's {@code rpc.BlockNumber}. */
  public static BlockParameter blockNumber(JsonNode node) {
    String s = text(node, "block number");
    var tag = BlockTag.fromJsonName(s);
    if (tag.isPresent()) {
      return new BlockParameter.Tagged(tag.get());
    }
    long n = RpcHex.decodeLong(s);
    if (n < 0) {
      throw new IllegalArgumentException("block number larger than int64");
    }
    return new BlockParameter.Number(n);
  }

  /**
   * A block number, tag, block hash string, or EIP-1898 object {@code {"blockNumber": ...}} /
   * {@code {"blockHash": ..., "requireCanonical": ...}}, as geth's {@code rpc.BlockNumberOrHash}.
   */
  public static BlockParameter blockNumberOrHash(JsonNode node) {
    if (node.isObject()) {
      JsonNode number = node.get("blockNumber");
      JsonNode hash = node.get("blockHash");
      boolean hasNumber = number != null && !number.isNull();
      boolean hasHash = hash != null && !hash.isNull();
      if (hasNumber && hasHash) {
        throw new IllegalArgumentException(
            "cannot specify both BlockHash and BlockNumber, choose one or the other");
      }
      if (hasNumber) {
        return blockNumber(number);
      }
      if (!hasHash) {
        throw new IllegalArgumentException(
            "invalid input: neither blockNumber nor blockHash given");
      }
      JsonNode canonical = node.get("requireCanonical");
      boolean requireCanonical = canonical != null && !canonical.isNull() && bool(canonical);
      return new BlockParameter.ByHash(hash(hash), requireCanonical);
    }
    String s = text(node, "block number or hash");
    if (s.length() == 66 && BlockTag.fromJsonName(s).isEmpty()) {
      return new BlockParameter.ByHash(RpcHex.decodeHash(s), false);
    }
    return blockNumber(node);
  }

  private static String text(JsonNode node, String what) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("cannot unmarshal " + kind(node) + " into " + what);
    }
    return node.textValue();
  }

  /** The JSON type of a node, in the words of Go's encoding/json errors. */
  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT -> "object";
      case BOOLEAN -> "bool";
      case NUMBER -> "number";
      case STRING -> "string";
      case NULL, MISSING -> "null";
      default -> "value";
    };
  }
}
