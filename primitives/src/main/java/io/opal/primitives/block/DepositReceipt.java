package io.opal.primitives.block;

import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.tx.TxType;
import java.util.List;
import java.util.OptionalLong;

/**
 * The receipt of an OP deposit transaction (type 0x7E): {@code 0x7E || rlp([status,
 * cumulativeGasUsed, logsBloom, logs, depositNonce?, depositReceiptVersion?])}.
 *
 * <p>Which optional fields a deposit receipt has depends on the fork that made it (OP specs,
 * deposits.md, "Deposit Receipt"): none before Regolith; from Regolith, depositNonce (the sender's
 * nonce before the deposit ran); from Canyon, also depositReceiptVersion = 1. The receipts root
 * commits to depositNonce only together with the version: a Regolith-to-Canyon receipt is stored
 * with its nonce but hashed without it.
 */
public record DepositReceipt(
    boolean success,
    long cumulativeGasUsed,
    Bloom logsBloom,
    List<Log> logs,
    OptionalLong depositNonce,
    OptionalLong depositReceiptVersion)
    implements Receipt {

  /** The only depositReceiptVersion defined (Canyon). */
  public static final long RECEIPT_VERSION = 1;

  public DepositReceipt {
    logs = List.copyOf(logs);
    if (depositReceiptVersion.isPresent()) {
      if (depositNonce.isEmpty()) {
        throw new IllegalArgumentException("a deposit receipt version needs a deposit nonce");
      }
      if (depositReceiptVersion.getAsLong() != RECEIPT_VERSION) {
        throw new IllegalArgumentException("deposit receipt version must be 1");
      }
    }
  }

  /** A deposit receipt as made from Canyon on: with its nonce and version 1. */
  public static DepositReceipt canyon(
      boolean success, long cumulativeGasUsed, List<Log> logs, long depositNonce) {
    return new DepositReceipt(
        success,
        cumulativeGasUsed,
        Bloom.of(logs),
        logs,
        OptionalLong.of(depositNonce),
        OptionalLong.of(RECEIPT_VERSION));
  }

  @Override
  public TxType type() {
    return TxType.DEPOSIT;
  }

  @Override
  public Outcome outcome() {
    return new Status(success);
  }

  @Override
  public byte[] encode() {
    return encode(true);
  }

  @Override
  public byte[] encodeForReceiptsRoot() {
    return encode(depositReceiptVersion.isPresent());
  }

  private byte[] encode(boolean withNonce) {
    RlpWriter w = new RlpWriter(320);
    w.startList();
    ReceiptCodec.writeCommonFields(w, this);
    if (withNonce && depositNonce.isPresent()) {
      w.writeLong(depositNonce.getAsLong());
      depositReceiptVersion.ifPresent(w::writeLong);
    }
    w.endList();
    return ReceiptCodec.envelope(TxType.DEPOSIT, w);
  }
}
