package io.opal.primitives.block;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.trie.OrderedTrie;
import java.util.ArrayList;
import java.util.List;

/**
 * A validator withdrawal (EIP-4895): {@code rlp([index, validatorIndex, address, amount])}, the
 * amount in gwei. The three numbers are unsigned 64-bit (a long read as unsigned).
 */
public record Withdrawal(long index, long validatorIndex, Address address, long amountGwei) {

  public void writeTo(RlpWriter w) {
    w.startList()
        .writeLong(index)
        .writeLong(validatorIndex)
        .writeAddress(address)
        .writeLong(amountGwei)
        .endList();
  }

  public byte[] encode() {
    RlpWriter w = new RlpWriter(64);
    writeTo(w);
    return w.toByteArray();
  }

  public static Withdrawal readFrom(RlpReader r) {
    RlpReader f = r.enterList();
    Withdrawal w =
        new Withdrawal(
            f.readLong("withdrawal index"),
            f.readLong("validator index"),
            f.readAddress(),
            f.readLong("withdrawal amount"));
    f.finish();
    return w;
  }

  /** Decodes exactly one withdrawal. */
  public static Withdrawal decode(byte[] rlp) {
    RlpReader r = RlpReader.of(rlp);
    Withdrawal w = readFrom(r);
    r.finish();
    return w;
  }

  /** The header's withdrawalsRoot for these withdrawals. */
  public static Hash root(List<Withdrawal> withdrawals) {
    List<byte[]> items = new ArrayList<>(withdrawals.size());
    for (Withdrawal w : withdrawals) {
      items.add(w.encode());
    }
    return OrderedTrie.root(items);
  }
}
