package io.opal.execution.op;

import io.opal.primitives.block.BlockHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The fields in which two block headers differ, by their geth JSON names. */
public final class HeaderDiff {
  private HeaderDiff() {}

  /** One differing field. */
  public record Field(String name, String expected, String actual) {
    @Override
    public String toString() {
      return name + ": expected " + expected + ", got " + actual;
    }
  }

  private static final Map<String, Function<BlockHeader, Object>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("parentHash", BlockHeader::parentHash);
    FIELDS.put("sha3Uncles", BlockHeader::ommersHash);
    FIELDS.put("miner", BlockHeader::beneficiary);
    FIELDS.put("stateRoot", BlockHeader::stateRoot);
    FIELDS.put("transactionsRoot", BlockHeader::transactionsRoot);
    FIELDS.put("receiptsRoot", BlockHeader::receiptsRoot);
    FIELDS.put("logsBloom", h -> h.logsBloom().bytes());
    FIELDS.put("difficulty", BlockHeader::difficulty);
    FIELDS.put("number", h -> Long.toUnsignedString(h.number()));
    FIELDS.put("gasLimit", h -> Long.toUnsignedString(h.gasLimit()));
    FIELDS.put("gasUsed", h -> Long.toUnsignedString(h.gasUsed()));
    FIELDS.put("timestamp", h -> Long.toUnsignedString(h.timestamp()));
    FIELDS.put("extraData", BlockHeader::extraData);
    FIELDS.put("mixHash", BlockHeader::mixHash);
    FIELDS.put("nonce", BlockHeader::nonce);
    FIELDS.put("baseFeePerGas", BlockHeader::baseFeePerGas);
    FIELDS.put("withdrawalsRoot", BlockHeader::withdrawalsRoot);
    FIELDS.put("blobGasUsed", BlockHeader::blobGasUsed);
    FIELDS.put("excessBlobGas", BlockHeader::excessBlobGas);
    FIELDS.put("parentBeaconBlockRoot", BlockHeader::parentBeaconBlockRoot);
    FIELDS.put("requestsHash", BlockHeader::requestsHash);
  }

  /** The fields of {@code actual} that differ from {@code expected}, in header order. */
  public static List<Field> between(BlockHeader expected, BlockHeader actual) {
    List<Field> diffs = new ArrayList<>();
    for (Map.Entry<String, Function<BlockHeader, Object>> f : FIELDS.entrySet()) {
      Object e = f.getValue().apply(expected);
      Object a = f.getValue().apply(actual);
      if (!Objects.equals(e, a)) {
        diffs.add(new Field(f.getKey(), String.valueOf(e), String.valueOf(a)));
      }
    }
    return diffs;
  }
}
