package io.opal.primitives.block;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.trie.OrderedTrie;
import io.opal.primitives.tx.TxType;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction receipt, in its EIP-2718 envelope: a legacy receipt is {@code rlp([outcome,
 * cumulativeGasUsed, logsBloom, logs])}, a typed one is {@code type || rlp([...])} with the same
 * fields, and the OP deposit receipt (type 0x7E) may append depositNonce and depositReceiptVersion
 * (see {@link DepositReceipt}).
 */
public sealed interface Receipt permits EthereumReceipt, DepositReceipt {
  /** The type of the transaction this receipt is for, which is also the receipt's type. */
  TxType type();

  Outcome outcome();

  /** Gas used in the block up to and including this transaction. */
  long cumulativeGasUsed();

  Bloom logsBloom();

  List<Log> logs();

  /** The receipt as stored and exchanged: its EIP-2718 envelope with every field it has. */
  byte[] encode();

  /**
   * The receipt as the receipts trie stores it. Equal to {@link #encode()} except for an OP deposit
   * receipt carrying a depositNonce but no depositReceiptVersion (Regolith to Canyon), whose nonce
   * is not committed to.
   */
  default byte[] encodeForReceiptsRoot() {
    return encode();
  }

  /** How the transaction ended: a status (Byzantium on, EIP-658) or, before, a state root. */
  sealed interface Outcome permits Status, PostState {}

  record Status(boolean success) implements Outcome {}

  record PostState(Hash stateRoot) implements Outcome {}

  /** The header's receiptsRoot for these receipts, in block order. */
  static Hash receiptsRoot(List<? extends Receipt> receipts) {
    List<byte[]> items = new ArrayList<>(receipts.size());
    for (Receipt r : receipts) {
      items.add(r.encodeForReceiptsRoot());
    }
    return OrderedTrie.root(items);
  }

  /** Decodes one receipt envelope, rejecting unknown types and any trailing byte. */
  static Receipt decode(byte[] envelope) {
    if (envelope.length == 0) {
      throw new DecodingException(0, "a receipt cannot be empty");
    }
    int first = envelope[0] & 0xff;
    if (first >= 0xc0) {
      return ReceiptCodec.decodeBody(TxType.LEGACY, envelope, 0);
    }
    TxType type =
        TxType.fromTypeByte(first)
            .orElseThrow(
                () ->
                    new DecodingException(
                        0, "unknown receipt type 0x" + Integer.toHexString(first)));
    return ReceiptCodec.decodeBody(type, envelope, 1);
  }

  /**
   * Writes the receipt as an item of an RLP list of receipts (eth/66 Receipts, block storage): a
   * legacy receipt as its list, a typed one as a string holding its envelope.
   */
  default void writeTo(RlpWriter w) {
    if (type() == TxType.LEGACY) {
      w.writeRaw(encode());
    } else {
      w.writeBytes(encode());
    }
  }

  /** Reads a receipt written by {@link #writeTo}. */
  static Receipt readFrom(RlpReader r) {
    if (r.nextIsList()) {
      return decode(r.readRaw());
    }
    int at = r.position();
    byte[] envelope = r.readBytes();
    if (envelope.length > 0 && (envelope[0] & 0xff) >= 0xc0) {
      throw new DecodingException(at, "a legacy receipt must not be wrapped in a string");
    }
    return decode(envelope);
  }
}
