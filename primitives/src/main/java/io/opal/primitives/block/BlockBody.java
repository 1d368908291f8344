package io.opal.primitives.block;

import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.trie.OrderedTrie;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A block's body: its transactions, its ommers (always empty after the merge, and on OP chains)
 * and, from Shanghai (Canyon on OP), its withdrawals (always empty on OP chains, but present).
 */
public record BlockBody(
    List<Transaction> transactions,
    List<BlockHeader> ommers,
    Optional<List<Withdrawal>> withdrawals) {

  public static final BlockBody EMPTY = new BlockBody(List.of(), List.of(), Optional.empty());

  public BlockBody {
    transactions = List.copyOf(transactions);
    ommers = List.copyOf(ommers);
    withdrawals = withdrawals.map(List::copyOf);
  }

  /** Writes the body's items (without an enclosing list), as blocks and bodies both hold them. */
  void writeItems(RlpWriter w) {
    w.startList();
    for (Transaction tx : transactions) {
      TransactionCodec.encodeForBlockBody(w, tx);
    }
    w.endList();
    writeItemsAfterTransactions(w);
  }

  private void writeItemsAfterTransactions(RlpWriter w) {
    w.startList();
    for (BlockHeader ommer : ommers) {
      ommer.writeTo(w);
    }
    w.endList();
    if (withdrawals.isPresent()) {
      w.startList();
      for (Withdrawal wd : withdrawals.get()) {
        wd.writeTo(w);
      }
      w.endList();
    }
  }

  /** Reads the body's items from the reader of an enclosing block or body list. */
  static BlockBody readItems(RlpReader list) {
    RlpReader txs = list.enterList();
    List<Transaction> transactions = new ArrayList<>();
    while (txs.hasNext()) {
      transactions.add(TransactionCodec.decodeFromBlockBody(txs));
    }
    RlpReader ommerList = list.enterList();
    List<BlockHeader> ommers = new ArrayList<>();
    while (ommerList.hasNext()) {
      ommers.add(BlockHeader.readFrom(ommerList));
    }
    Optional<List<Withdrawal>> withdrawals = Optional.empty();
    if (list.hasNext()) {
      RlpReader wds = list.enterList();
      List<Withdrawal> items = new ArrayList<>();
      while (wds.hasNext()) {
        items.add(Withdrawal.readFrom(wds));
      }
      withdrawals = Optional.of(items);
    }
    list.finish();
    return new BlockBody(transactions, ommers, withdrawals);
  }

  /** {@code rlp([transactions, ommers, withdrawals?])}: the form stored and served by peers. */
  public byte[] encode() {
    RlpWriter w = new RlpWriter(256 + 128 * transactions.size());
    w.startList();
    writeItems(w);
    w.endList();
    return w.toByteArray();
  }

  /**
   * {@link #encode()} from the transactions' items encoded already ({@code items}, from the builder
   * of this body): the same bytes without encoding each transaction again.
   *
   * @throws IllegalArgumentException if {@code items} holds another number of transactions
   */
  public byte[] encode(EncodedItems items) {
    if (items.count() != transactions.size()) {
      throw new IllegalArgumentException(
          "the encoded items hold "
              + items.count()
              + " transactions, the body "
              + transactions.size());
    }
    RlpWriter w = new RlpWriter(64 + items.transactionItems().length);
    w.startList();
    w.startList().writeRaw(items.transactionItems()).endList();
    writeItemsAfterTransactions(w);
    w.endList();
    return w.toByteArray();
  }

  /** Strict decoding of {@link #encode()}'s form; only {@code DecodingException}s escape. */
  public static BlockBody decode(byte[] rlp) {
    RlpReader top = RlpReader.of(rlp);
    BlockBody body = readItems(top.enterList());
    top.finish();
    return body;
  }

  /** The transactions root a header over this body must carry. */
  public Hash transactionsRoot() {
    List<byte[]> items = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      items.add(TransactionCodec.encode(tx));
    }
    return OrderedTrie.root(items);
  }

  /** keccak(rlp(ommers)): {@link Hash#EMPTY_LIST} for every block after the merge. */
  public Hash ommersHash() {
    RlpWriter w = new RlpWriter();
    w.startList();
    ommers.forEach(o -> o.writeTo(w));
    w.endList();
    return Hash.keccak(w.toByteArray());
  }
}
