package io.opal.primitives.block;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Receipt.Outcome;
import io.opal.primitives.block.Receipt.PostState;
import io.opal.primitives.block.Receipt.Status;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.tx.TxType;
import java.util.List;
import java.util.OptionalLong;

/** Helpers shared by the two receipt kinds. */
final class ReceiptCodec {
  private ReceiptCodec() {}

  static void writeOutcome(RlpWriter w, Outcome outcome) {
    if (outcome instanceof PostState p) {
      w.writeHash(p.stateRoot());
    } else {
      w.writeLong(((Status) outcome).success() ? 1 : 0);
    }
  }

  /** Writes the four fields every receipt has; the caller opens and closes the list. */
  static void writeCommonFields(RlpWriter w, Receipt r) {
    writeOutcome(w, r.outcome());
    w.writeLong(r.cumulativeGasUsed());
    w.writeBytes(r.logsBloom().bytes());
    Log.writeList(w, r.logs());
  }

  /** The envelope: the type byte (none for legacy) then the list the caller wrote. */
  static byte[] envelope(TxType type, RlpWriter body) {
    byte[] rlp = body.toByteArray();
    if (type == TxType.LEGACY) {
      return rlp;
    }
    byte[] out = new byte[rlp.length + 1];
    out[0] = (byte) type.typeByte();
    System.arraycopy(rlp, 0, out, 1, rlp.length);
    return out;
  }

  static Outcome readOutcome(RlpReader f) {
    int at = f.position();
    byte[] b = f.readBytes();
    if (b.length == 0) {
      return new Status(false);
    }
    if (b.length == 1 && b[0] == 1) {
      return new Status(true);
    }
    if (b.length == 32) {
      return new PostState(Hash.wrap(b));
    }
    throw new DecodingException(at, "a receipt outcome is a status (0 or 1) or a 32-byte root");
  }

  static Receipt decodeBody(TxType type, byte[] data, int offset) {
    RlpReader r = RlpReader.of(data, offset, data.length - offset);
    RlpReader f = r.enterList();
    r.finish();
    Outcome outcome = readOutcome(f);
    long cumulativeGasUsed = f.readLong("cumulative gas used");
    Bloom bloom = Bloom.wrap(f.readFixed(Bloom.SIZE, "logs bloom"));
    List<Log> logs = Log.readList(f);
    if (type != TxType.DEPOSIT) {
      f.finish();
      return new EthereumReceipt(type, outcome, cumulativeGasUsed, bloom, logs);
    }
    if (!(outcome instanceof Status status)) {
      throw new DecodingException(offset, "a deposit receipt has a status, not a state root");
    }
    OptionalLong nonce = OptionalLong.empty();
    OptionalLong version = OptionalLong.empty();
    if (f.hasNext()) {
      nonce = OptionalLong.of(f.readLong("deposit nonce"));
    }
    if (f.hasNext()) {
      int at = f.position();
      long v = f.readLong("deposit receipt version");
      if (v != DepositReceipt.RECEIPT_VERSION) {
        throw new DecodingException(at, "deposit receipt version must be 1, got " + v);
      }
      version = OptionalLong.of(v);
    }
    f.finish();
    return new DepositReceipt(status.success(), cumulativeGasUsed, bloom, logs, nonce, version);
  }
}
