package io.opal.primitives.tx;

import io.opal.primitives.DecodingException;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * Transactions to and from bytes, in the two forms the protocol uses:
 *
 * <ul>
 *   <li>the <b>envelope</b> (EIP-2718): a legacy transaction is its RLP list, a typed one is {@code
 *       type ‖ rlp(fields)}. This is what is hashed, signed over, gossiped and sent by {@code
 *       eth_sendRawTransaction}, and what execution payloads carry.
 *   <li>the <b>block body</b> form: the items of a block's transaction list, where a typed envelope
 *       is wrapped as an RLP string and a legacy transaction is the list itself.
 * </ul>
 *
 * <p>Decoding is strict: malformed or non-canonical RLP, missing or extra fields, trailing bytes,
 * unknown types and fixed-size fields of the wrong size all raise a {@link DecodingException} (and
 * nothing else).
 */
public final class TransactionCodec {
  private static final byte[][] TYPE_PREFIX = new byte[0x80][];

  static {
    for (TxType t : TxType.values()) {
      if (t.typeByte() >= 0) {
        TYPE_PREFIX[t.typeByte()] = new byte[] {(byte) t.typeByte()};
      }
    }
  }

  private TransactionCodec() {}

  // --- decoding --------------------------------------------------------------------------------

  /**
   * Decodes an envelope. A blob transaction may come in its network form (with sidecar); the
   * sidecar is checked for shape and dropped — use {@link #decodeWithSidecar} to keep it.
   */
  public static Transaction decode(byte[] envelope) {
    return decode(envelope, 0, envelope.length, true);
  }

  public static Transaction decode(Bytes envelope) {
    return decode(envelope.toArrayUnsafe());
  }

  /** Decodes the network form {@code 0x03 ‖ rlp([tx_payload_body, (version,) blobs, ...])}. */
  public static BlobTransactionWithSidecar decodeWithSidecar(byte[] envelope) {
    if (envelope.length == 0 || envelope[0] != TxType.BLOB.typeByte()) {
      throw new TransactionDecodingException(0, "not a blob transaction envelope");
    }
    RlpReader outer = RlpReader.of(envelope, 1, envelope.length - 1);
    RlpReader wrapper = outer.enterList();
    if (!wrapper.hasNext() || !wrapper.nextIsList()) {
      throw new TransactionDecodingException(1, "blob transaction without a sidecar");
    }
    BlobTransactionWithSidecar result = BlobSidecarFields.read(wrapper);
    outer.finish();
    return result;
  }

  /** Reads the next item of a block body's transaction list. */
  public static Transaction decodeFromBlockBody(RlpReader transactions) {
    if (transactions.nextIsList()) {
      RlpReader fields = transactions.enterList();
      LegacyTransaction tx = TypedFields.readLegacy(fields);
      fields.finish();
      return tx;
    }
    int at = transactions.position();
    byte[] envelope = transactions.readBytes();
    if (envelope.length == 0 || (envelope[0] & 0xff) >= 0x80) {
      throw new TransactionDecodingException(at, "a block body string must hold a typed envelope");
    }
    return decode(envelope, 0, envelope.length, false);
  }

  private static Transaction decode(byte[] buf, int start, int end, boolean allowSidecar) {
    if (end <= start) {
      throw new TransactionDecodingException(start, "empty transaction");
    }
    int first = buf[start] & 0xff;
    if (first >= 0xc0) {
      RlpReader outer = RlpReader.of(buf, start, end - start);
      RlpReader fields = outer.enterList();
      LegacyTransaction tx = TypedFields.readLegacy(fields);
      fields.finish();
      outer.finish();
      return tx;
    }
    if (first >= 0x80) {
      throw new TransactionDecodingException(
          start, "neither a typed envelope nor an RLP list (first byte " + hex(first) + ")");
    }
    TxType type =
        TxType.fromTypeByte(first)
            .orElseThrow(
                () ->
                    new TransactionDecodingException(
                        start, "unsupported transaction type " + hex(first)));
    RlpReader outer = RlpReader.of(buf, start + 1, end - start - 1);
    RlpReader fields = outer.enterList();
    Transaction tx;
    if (type == TxType.BLOB && fields.hasNext() && fields.nextIsList()) {
      if (!allowSidecar) {
        throw new TransactionDecodingException(start, "a blob sidecar has no place in a block");
      }
      tx = BlobSidecarFields.read(fields).transaction();
    } else {
      tx = readTyped(type, fields);
      fields.finish();
    }
    outer.finish();
    return tx;
  }

  private static Transaction readTyped(TxType type, RlpReader fields) {
    return switch (type) {
      case ACCESS_LIST -> TypedFields.readAccessList(fields);
      case DYNAMIC_FEE -> TypedFields.readDynamicFee(fields);
      case BLOB -> TypedFields.readBlob(fields);
      case SET_CODE -> TypedFields.readSetCode(fields);
      case DEPOSIT -> TypedFields.readDeposit(fields);
      case LEGACY -> throw new IllegalStateException("legacy transactions have no type byte");
    };
  }

  private static String hex(int b) {
    return String.format("0x%02x", b);
  }

  // --- encoding --------------------------------------------------------------------------------

  /** The envelope: what {@link Transaction#hash()} hashes. */
  public static byte[] encode(Transaction tx) {
    RlpWriter w = new RlpWriter(TypedFields.sizeHint(tx));
    writePrefix(w, tx);
    TypedFields.write(w, tx, true);
    return w.toByteArray();
  }

  /** Appends {@code tx} as an item of a block body's transaction list. */
  public static void encodeForBlockBody(RlpWriter w, Transaction tx) {
    if (tx.type() == TxType.LEGACY) {
      TypedFields.write(w, tx, true);
    } else {
      w.writeBytes(encode(tx));
    }
  }

  /** The network form of a blob transaction, sidecar included. */
  public static byte[] encodeWithSidecar(BlobTransactionWithSidecar tx) {
    int blobs = tx.sidecar().blobs().size();
    RlpWriter w = new RlpWriter(TypedFields.sizeHint(tx.transaction()) + blobs * 131_500);
    writePrefix(w, tx.transaction());
    w.startList();
    TypedFields.write(w, tx.transaction(), true);
    BlobSidecarFields.write(w, tx.sidecar());
    w.endList();
    return w.toByteArray();
  }

  /** What the sender signs (before hashing): the envelope without the signature fields. */
  static byte[] encodeUnsigned(SignedTransaction tx) {
    RlpWriter w = new RlpWriter(TypedFields.sizeHint(tx));
    writePrefix(w, tx);
    TypedFields.write(w, tx, false);
    return w.toByteArray();
  }

  private static void writePrefix(RlpWriter w, Transaction tx) {
    int typeByte = tx.type().typeByte();
    if (typeByte >= 0) {
      w.writeRaw(TYPE_PREFIX[typeByte]);
    }
  }

  /** The sidecar part of a blob transaction's network form. */
  private static final class BlobSidecarFields {
    private BlobSidecarFields() {}

    /** Reads {@code [tx_payload_body, (wrapper_version,) blobs, commitments, proofs]}. */
    static BlobTransactionWithSidecar read(RlpReader wrapper) {
      RlpReader body = wrapper.enterList();
      BlobTransaction tx = TypedFields.readBlob(body);
      body.finish();
      int version = 0;
      int at = wrapper.position();
      if (wrapper.hasNext() && !wrapper.nextIsList()) {
        version = wrapper.readInt("blob sidecar version");
        if (version != 1) {
          throw new TransactionDecodingException(at, "unknown blob sidecar version " + version);
        }
      }
      List<Bytes> blobs = readFixedList(wrapper, BlobSidecar.BYTES_PER_BLOB, "blob");
      List<Bytes> commitments =
          readFixedList(wrapper, BlobSidecar.BYTES_PER_COMMITMENT, "commitment");
      List<Bytes> proofs = readFixedList(wrapper, BlobSidecar.BYTES_PER_PROOF, "proof");
      wrapper.finish();
      int count = tx.blobVersionedHashes().size();
      if (blobs.size() != count || commitments.size() != count) {
        throw new TransactionDecodingException(
            at,
            "sidecar holds "
                + blobs.size()
                + " blobs and "
                + commitments.size()
                + " commitments for "
                + count
                + " versioned hashes");
      }
      if (proofs.size() != BlobSidecar.expectedProofs(version, count)) {
        throw new TransactionDecodingException(
            at, "sidecar version " + version + " holds " + proofs.size() + " proofs for " + count);
      }
      return new BlobTransactionWithSidecar(
          tx, new BlobSidecar(version, blobs, commitments, proofs));
    }

    private static List<Bytes> readFixedList(RlpReader in, int size, String what) {
      RlpReader list = in.enterList();
      List<Bytes> items = new ArrayList<>();
      while (list.hasNext()) {
        items.add(Bytes.wrap(list.readFixed(size, what)));
      }
      return items;
    }

    static void write(RlpWriter w, BlobSidecar sidecar) {
      if (sidecar.version() != 0) {
        w.writeLong(sidecar.version());
      }
      for (List<Bytes> items : List.of(sidecar.blobs(), sidecar.commitments(), sidecar.proofs())) {
        w.startList();
        items.forEach(w::writeBytes);
        w.endList();
      }
    }
  }
}
