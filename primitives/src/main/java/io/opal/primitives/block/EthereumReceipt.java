package io.opal.primitives.block;

import io.opal.primitives.rlp.RlpWriter;
import java.util.List;

/**
 * The receipt of a legacy (0), access-list (1), dynamic-fee (2), blob (3) or set-code (4)
 * transaction.
 */
public record EthereumReceipt(
    int type, Outcome outcome, long cumulativeGasUsed, Bloom logsBloom, List<Log> logs)
    implements Receipt {

  public EthereumReceipt {
    if (type < LEGACY_TYPE || type > SET_CODE_TYPE) {
      throw new IllegalArgumentException("not an Ethereum receipt type: " + type);
    }
    logs = List.copyOf(logs);
  }

  /** A post-Byzantium receipt, its bloom computed from the logs. */
  public static EthereumReceipt of(
      int type, boolean success, long cumulativeGasUsed, List<Log> logs) {
    return new EthereumReceipt(type, new Status(success), cumulativeGasUsed, Bloom.of(logs), logs);
  }

  @Override
  public byte[] encode() {
    RlpWriter w = new RlpWriter(320);
    w.startList();
    ReceiptCodec.writeCommonFields(w, this);
    w.endList();
    return ReceiptCodec.envelope(type, w);
  }
}
