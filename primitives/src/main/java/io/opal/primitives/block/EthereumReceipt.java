package io.opal.primitives.block;

import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.tx.TxType;
import java.util.List;

/** The receipt of a legacy, access-list, dynamic-fee, blob or set-code transaction. */
public record EthereumReceipt(
    TxType type, Outcome outcome, long cumulativeGasUsed, Bloom logsBloom, List<Log> logs)
    implements Receipt {

  public EthereumReceipt {
    if (type == TxType.DEPOSIT) {
      throw new IllegalArgumentException("a deposit's receipt is a DepositReceipt");
    }
    logs = List.copyOf(logs);
  }

  /** A post-Byzantium receipt, its bloom computed from the logs. */
  public static EthereumReceipt of(
      TxType type, boolean success, long cumulativeGasUsed, List<Log> logs) {
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
