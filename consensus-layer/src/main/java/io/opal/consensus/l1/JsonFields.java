package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Typed reads of JSON-RPC values: quantities ({@code 0x}-prefixed hex numbers), data ({@code
 * 0x}-prefixed hex bytes), hashes and addresses. Every malformed or missing value raises a {@link
 * DecodingException} naming the field; nothing else escapes.
 */
final class JsonFields {
  private JsonFields() {}

  static JsonNode required(JsonNode object, String field) {
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      throw new DecodingException(-1, "missing field '" + field + "'");
    }
    return v;
  }

  static boolean present(JsonNode object, String field) {
    JsonNode v = object.get(field);
    return v != null && !v.isNull();
  }

  static String text(JsonNode value, String field) {
    if (!value.isTextual()) {
      throw new DecodingException(
          -1, "field '" + field + "' must be a string, got " + value.getNodeType());
    }
    return value.asText();
  }

  /** A quantity that fits in an unsigned 64-bit long. */
  static long quantity(JsonNode object, String field) {
    return quantityValue(required(object, field), field);
  }

  static OptionalLong optionalQuantity(JsonNode object, String field) {
    return present(object, field) ? OptionalLong.of(quantity(object, field)) : OptionalLong.empty();
  }

  static long quantityValue(JsonNode value, String field) {
    String digits = quantityDigits(value, field);
    if (digits.length() > 16) {
      throw new DecodingException(-1, "field '" + field + "' exceeds 64 bits: 0x" + digits);
    }
    return Long.parseUnsignedLong(digits, 16);
  }

  static int intQuantity(JsonNode object, String field) {
    long v = quantity(object, field);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new DecodingException(
          -1, "field '" + field + "' out of range: " + Long.toUnsignedString(v));
    }
    return (int) v;
  }

  static UInt256 uint256(JsonNode object, String field) {
    return uint256Value(required(object, field), field);
  }

  static UInt256 uint256Value(JsonNode value, String field) {
    String digits = quantityDigits(value, field);
    if (digits.length() > 64) {
      throw new DecodingException(-1, "field '" + field + "' exceeds 256 bits");
    }
    return UInt256.fromHexString(digits);
  }

  private static String quantityDigits(JsonNode value, String field) {
    String s = text(value, field);
    if (s.length() < 3 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
      throw new DecodingException(
          -1, "field '" + field + "' is not a hex quantity: " + abbreviate(s));
    }
    // Leading zeros are not canonical, but some nodes write them; skip them rather than refuse.
    int start = 2;
    while (start < s.length() - 1 && s.charAt(start) == '0') {
      start++;
    }
    String digits = s.substring(start);
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new DecodingException(
            -1, "field '" + field + "' is not a hex quantity: " + abbreviate(s));
      }
    }
    return digits;
  }

  static Bytes data(JsonNode object, String field) {
    return dataValue(required(object, field), field);
  }

  static Bytes dataValue(JsonNode value, String field) {
    String s = text(value, field);
    if (s.length() < 2 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
      throw new DecodingException(-1, "field '" + field + "' is not 0x-prefixed hex data");
    }
    if ((s.length() & 1) != 0) {
      throw new DecodingException(-1, "field '" + field + "' has an odd number of hex digits");
    }
    try {
      return Bytes.wrap(Hex.decode(s));
    } catch (DecodingException e) {
      throw new DecodingException(-1, "field '" + field + "': " + e.reason());
    }
  }

  static Bytes fixed(JsonNode object, String field, int size) {
    Bytes b = data(object, field);
    if (b.size() != size) {
      throw new DecodingException(
          -1, "field '" + field + "' must have " + size + " bytes, got " + b.size());
    }
    return b;
  }

  static Hash hash(JsonNode object, String field) {
    return hashValue(required(object, field), field);
  }

  static Hash hashValue(JsonNode value, String field) {
    Bytes b = dataValue(value, field);
    if (b.size() != 32) {
      throw new DecodingException(
          -1, "field '" + field + "' must be a 32-byte hash, got " + b.size() + " bytes");
    }
    return Hash.wrap(b.toArrayUnsafe());
  }

  static Optional<Hash> optionalHash(JsonNode object, String field) {
    return present(object, field) ? Optional.of(hash(object, field)) : Optional.empty();
  }

  static Address address(JsonNode object, String field) {
    return addressValue(required(object, field), field);
  }

  static Address addressValue(JsonNode value, String field) {
    Bytes b = dataValue(value, field);
    if (b.size() != Address.SIZE) {
      throw new DecodingException(
          -1, "field '" + field + "' must be a 20-byte address, got " + b.size() + " bytes");
    }
    return new Address(b);
  }

  static Optional<Address> optionalAddress(JsonNode object, String field) {
    return present(object, field) ? Optional.of(address(object, field)) : Optional.empty();
  }

  static boolean bool(JsonNode object, String field) {
    JsonNode v = required(object, field);
    if (!v.isBoolean()) {
      throw new DecodingException(-1, "field '" + field + "' must be a boolean");
    }
    return v.asBoolean();
  }

  static JsonNode array(JsonNode object, String field) {
    JsonNode v = required(object, field);
    if (!v.isArray()) {
      throw new DecodingException(-1, "field '" + field + "' must be an array");
    }
    return v;
  }

  static List<Hash> hashes(JsonNode object, String field) {
    JsonNode arr = array(object, field);
    List<Hash> out = new ArrayList<>(arr.size());
    for (JsonNode h : arr) {
      out.add(hashValue(h, field));
    }
    return out;
  }

  static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new DecodingException(-1, what + " must be a JSON object");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
