package io.opal.execution.op.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/** Reads a block header in geth's JSON-RPC form (miner, sha3Uncles, quantities as hex). */
public final class HeaderJson {
  private HeaderJson() {}

  /**
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static BlockHeader parse(JsonNode j) {
    BlockHeader.Builder b =
        BlockHeader.builder()
            .parentHash(hash(j, "parentHash"))
            .ommersHash(hash(j, "sha3Uncles"))
            .beneficiary(Address.fromHex(text(j, "miner")))
            .stateRoot(hash(j, "stateRoot"))
            .transactionsRoot(hash(j, "transactionsRoot"))
            .receiptsRoot(hash(j, "receiptsRoot"))
            .logsBloom(Bloom.wrap(bytes(j, "logsBloom")))
            .difficulty(UInt256.valueOf(quantity(j, "difficulty")))
            .number(quantity64(j, "number"))
            .gasLimit(quantity64(j, "gasLimit"))
            .gasUsed(quantity64(j, "gasUsed"))
            .timestamp(quantity64(j, "timestamp"))
            .extraData(Bytes.wrap(bytes(j, "extraData")))
            .mixHash(hash(j, "mixHash"))
            .nonce(Bytes.wrap(bytes(j, "nonce")));
    if (j.hasNonNull("baseFeePerGas")) {
      b.baseFeePerGas(quantity64(j, "baseFeePerGas"));
    }
    if (j.hasNonNull("withdrawalsRoot")) {
      b.withdrawalsRoot(hash(j, "withdrawalsRoot"));
    }
    if (j.hasNonNull("blobGasUsed")) {
      b.blobGasUsed(quantity64(j, "blobGasUsed"));
    }
    if (j.hasNonNull("excessBlobGas")) {
      b.excessBlobGas(quantity64(j, "excessBlobGas"));
    }
    if (j.hasNonNull("parentBeaconBlockRoot")) {
      b.parentBeaconBlockRoot(hash(j, "parentBeaconBlockRoot"));
    }
    if (j.hasNonNull("requestsHash")) {
      b.requestsHash(hash(j, "requestsHash"));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("header JSON: " + e.getMessage(), e);
    }
  }

  static String text(JsonNode j, String name) {
    JsonNode v = j.get(name);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("header JSON lacks the string field " + name);
    }
    return v.asText();
  }

  static byte[] bytes(JsonNode j, String name) {
    try {
      return Hex.decode(text(j, name));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("header JSON field " + name + " is not hex", e);
    }
  }

  private static Hash hash(JsonNode j, String name) {
    byte[] b = bytes(j, name);
    if (b.length != 32) {
      throw new IllegalArgumentException("header JSON field " + name + " is not 32 bytes");
    }
    return Hash.wrap(b);
  }

  static BigInteger quantity(JsonNode j, String name) {
    String s = text(j, name);
    if (!s.startsWith("0x") || s.length() < 3) {
      throw new IllegalArgumentException("header JSON field " + name + " is not a hex quantity");
    }
    try {
      return new BigInteger(s.substring(2), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("header JSON field " + name + " is not a hex quantity");
    }
  }

  /** A quantity that must fit in 64 unsigned bits. */
  static long quantity64(JsonNode j, String name) {
    BigInteger v = quantity(j, name);
    if (v.bitLength() > 64) {
      throw new IllegalArgumentException("header JSON field " + name + " exceeds 64 bits");
    }
    return v.longValue();
  }
}
