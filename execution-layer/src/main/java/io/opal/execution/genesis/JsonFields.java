package io.opal.execution.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.config.ConfigException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Typed access to the fields of a geth-style JSON object, where quantities are hex strings or
 * decimal numbers: every missing or malformed field is a {@link ConfigException} naming the file
 * and the field's path.
 */
record JsonFields(JsonNode node, String path) {

  private Optional<JsonNode> optional(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  String at(String name) {
    return path + "." + name;
  }

  ConfigException error(String name, String problem) {
    return new ConfigException(at(name) + ": " + problem);
  }

  /** An unsigned 64-bit quantity (hex or decimal), held in a long. */
  Optional<Long> uint64(String name) {
    return optional(name).map(v -> quantity(v, at(name), 64).longValue());
  }

  Optional<JsonNode> raw(String name) {
    return optional(name);
  }

  /** An unsigned quantity of at most {@code bits} bits. */
  Optional<BigInteger> quantity(String name, int bits) {
    return optional(name).map(v -> quantity(v, at(name), bits));
  }

  static BigInteger quantity(JsonNode v, String where, int bits) {
    BigInteger value;
    try {
      if (v.isIntegralNumber()) {
        value = v.bigIntegerValue();
      } else if (v.isTextual()) {
        String text = v.asText().trim();
        if (text.startsWith("0x") || text.startsWith("0X")) {
          if (text.length() == 2) {
            throw new ConfigException(where + ": empty hex quantity");
          }
          value = new BigInteger(1, Hex.decode(text));
        } else {
          value = new BigInteger(text);
        }
      } else {
        throw new ConfigException(where + ": expected a number, got " + v);
      }
    } catch (NumberFormatException | DecodingException e) {
      throw new ConfigException(where + ": not a number: " + v, e);
    }
    if (value.signum() < 0 || value.bitLength() > bits) {
      throw new ConfigException(where + ": out of range for " + bits + " bits: " + v);
    }
    return value;
  }

  Optional<byte[]> bytes(String name) {
    return optional(name).map(v -> bytes(v, at(name)));
  }

  static byte[] bytes(JsonNode v, String where) {
    if (!v.isTextual()) {
      throw new ConfigException(where + ": expected a hex string, got " + v);
    }
    String text = v.asText();
    if (!text.startsWith("0x") && !text.startsWith("0X") && !text.isEmpty()) {
      throw new ConfigException(where + ": hex must start with 0x: " + abbreviate(text));
    }
    if ((text.length() & 1) == 1) {
      throw new ConfigException(where + ": odd number of hex digits");
    }
    try {
      return Hex.decode(text);
    } catch (DecodingException e) {
      throw new ConfigException(where + ": not hex: " + abbreviate(text), e);
    }
  }

  Optional<Hash> hash(String name) {
    return bytes(name)
        .map(
            b -> {
              if (b.length != 32) {
                throw error(name, "a hash has 32 bytes, got " + b.length);
              }
              return Hash.wrap(b);
            });
  }

  Optional<Address> address(String name) {
    return optional(name).map(v -> address(v.asText(), at(name)));
  }

  static Address address(String text, String where) {
    try {
      return Address.fromHex(text);
    } catch (DecodingException e) {
      throw new ConfigException(where + ": not a 20-byte address: " + abbreviate(text), e);
    }
  }

  Optional<JsonFields> object(String name) {
    return optional(name)
        .map(
            v -> {
              if (!v.isObject()) {
                throw error(name, "expected an object, got " + abbreviate(v.toString()));
              }
              return new JsonFields(v, at(name));
            });
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
