package io.opal.consensus.devnet.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/** Field-by-field reading of genesis.json, naming the field of anything malformed. */
final class GenesisFileReader {
  /** Well above EIP-170's 24 KiB; bounds what a malformed file can make us allocate per field. */
  private static final int MAX_CODE_BYTES = 128 * 1024;

  private GenesisFileReader() {}

  static GenesisFile read(JsonNode root, String source) {
    JsonNode config = root.get("config");
    return new GenesisFile(
        config == null || config.isNull() ? Optional.empty() : Optional.of(config),
        longField(root, "timestamp", source).orElse(0),
        longField(root, "gasLimit", source).orElseThrow(() -> missing(source, "gasLimit")),
        Bytes.wrap(hexField(root, "extraData", source, 32)),
        uintField(root, "difficulty", source),
        Hash.wrap(leftPad(hexField(root, "mixHash", source, 32), 32)),
        Address.wrap(leftPad(hexField(root, "coinbase", source, 20), 20)),
        Bytes.wrap(leftPad(uintField(root, "nonce", source).toBytes().slice(24).toArray(), 8)),
        longField(root, "number", source).orElse(0),
        longField(root, "gasUsed", source).orElse(0),
        Hash.wrap(leftPad(hexField(root, "parentHash", source, 32), 32)),
        longField(root, "baseFeePerGas", source),
        longField(root, "excessBlobGas", source),
        longField(root, "blobGasUsed", source),
        alloc(root.get("alloc"), source));
  }

  private static GenesisAlloc alloc(JsonNode alloc, String source) {
    if (alloc == null || !alloc.isObject()) {
      throw new GenesisException(source + ": missing object 'alloc'");
    }
    TreeMap<Address, GenesisAccount> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = alloc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = source + ": alloc." + e.getKey();
      Address address;
      try {
        byte[] raw = Hex.decode(e.getKey());
        if (raw.length != 20) {
          throw new GenesisException(where + ": not a 20-byte address");
        }
        address = Address.wrap(raw);
      } catch (DecodingException ex) {
        throw new GenesisException(where + ": not an address", ex);
      }
      JsonNode acc = e.getValue();
      TreeMap<Bytes32, Bytes32> storage = new TreeMap<>();
      JsonNode st = acc.get("storage");
      if (st != null && st.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> s = st.fields(); s.hasNext(); ) {
          Map.Entry<String, JsonNode> slot = s.next();
          try {
            storage.put(
                GenesisJson.word(slot.getKey()), GenesisJson.word(slot.getValue().asText()));
          } catch (RuntimeException ex) {
            throw new GenesisException(where + ".storage." + slot.getKey() + ": not a word", ex);
          }
        }
      }
      out.put(
          address,
          new GenesisAccount(
              longField(acc, "nonce", where).orElse(0),
              uintField(acc, "balance", where),
              Bytes.wrap(hexField(acc, "code", where, MAX_CODE_BYTES)),
              storage));
    }
    return new GenesisAlloc(out);
  }

  private static GenesisException missing(String source, String field) {
    return new GenesisException(source + ": missing field '" + field + "'");
  }

  private static OptionalLong longField(JsonNode n, String name, String source) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return OptionalLong.empty();
    }
    BigInteger value = number(v, name, source);
    if (value.bitLength() > 64) {
      throw new GenesisException(source + "." + name + ": does not fit 64 bits: " + v);
    }
    return OptionalLong.of(value.longValue());
  }

  private static UInt256 uintField(JsonNode n, String name, String source) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return UInt256.ZERO;
    }
    BigInteger value = number(v, name, source);
    if (value.bitLength() > 256) {
      throw new GenesisException(source + "." + name + ": does not fit 256 bits");
    }
    return UInt256.valueOf(value);
  }

  private static BigInteger number(JsonNode v, String name, String source) {
    try {
      if (v.isIntegralNumber()) {
        if (v.bigIntegerValue().signum() < 0) {
          throw new GenesisException(source + "." + name + ": negative: " + v);
        }
        return v.bigIntegerValue();
      }
      if (!v.isTextual()) {
        throw new GenesisException(source + "." + name + ": expected a number, got " + v);
      }
      String s = v.asText();
      if (s.length() > 80) {
        throw new GenesisException(source + "." + name + ": number too long");
      }
      BigInteger value =
          s.startsWith("0x") || s.startsWith("0X")
              ? (s.length() == 2 ? BigInteger.ZERO : new BigInteger(s.substring(2), 16))
              : new BigInteger(s);
      if (value.signum() < 0) {
        throw new GenesisException(source + "." + name + ": negative: " + s);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new GenesisException(source + "." + name + ": not a number: " + v, e);
    }
  }

  private static byte[] hexField(JsonNode n, String name, String source, int maxBytes) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return new byte[0];
    }
    String s = v.asText();
    if (s.length() > 2 + 2 * maxBytes) {
      throw new GenesisException(source + "." + name + ": longer than " + maxBytes + " bytes");
    }
    try {
      return Hex.decode(s);
    } catch (DecodingException e) {
      throw new GenesisException(source + "." + name + ": not hex", e);
    }
  }

  private static byte[] leftPad(byte[] b, int size) {
    if (b.length > size) {
      throw new GenesisException("value longer than " + size + " bytes");
    }
    byte[] out = new byte[size];
    System.arraycopy(b, 0, out, size - b.length, b.length);
    return out;
  }
}
