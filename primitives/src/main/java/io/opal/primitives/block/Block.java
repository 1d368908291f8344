package io.opal.primitives.block;

import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;

/** A whole block: {@code rlp([header, transactions, ommers, withdrawals?])}. */
public record Block(BlockHeader header, BlockBody body) {

  public Hash hash() {
    return header.hash();
  }

  public long number() {
    return header.number();
  }

  public byte[] encode() {
    RlpWriter w = new RlpWriter(1024 + 128 * body.transactions().size());
    w.startList();
    header.writeTo(w);
    body.writeItems(w);
    w.endList();
    return w.toByteArray();
  }

  /** Strict decoding; only {@code DecodingException}s escape. */
  public static Block decode(byte[] rlp) {
    RlpReader top = RlpReader.of(rlp);
    RlpReader list = top.enterList();
    BlockHeader header = BlockHeader.readFrom(list);
    BlockBody body = BlockBody.readItems(list);
    top.finish();
    return new Block(header, body);
  }
}
