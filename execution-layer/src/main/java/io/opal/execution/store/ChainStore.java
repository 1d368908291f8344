package io.opal.execution.store;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.EncodedItems;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.BlockKey;
import io.opal.storage.Column;
import io.opal.storage.KeyValueReader;
import io.opal.storage.Schema;
import io.opal.storage.Schema.MetaKey;
import io.opal.storage.StorageException;
import io.opal.storage.TxLocation;
import io.opal.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The chain's blocks over the storage schema: headers, bodies and receipts by {@link BlockKey}, the
 * hash → number index, the canonical number → hash index, transaction lookups and the head
 * pointers. Reads go to the view it was made with (the live store, or a snapshot for reads that
 * must agree); writes go into a caller's {@link WriteBatch}, so that a block, its state and the
 * head that names it commit together.
 *
 * <p>Thread-safe: it holds no state of its own.
 */
public final class ChainStore {
  private final KeyValueReader view;
  private final Supplier<HeadLayers> layers;

  public ChainStore(KeyValueReader view) {
    this(view, () -> HeadLayers.EMPTY);
  }

  /**
   * The chain in {@code view}, whose transaction lookups for the newest head blocks may still be in
   * the layers {@code layers} supplies (see {@link HeadLayers}).
   */
  ChainStore(KeyValueReader view, Supplier<HeadLayers> layers) {
    this.view = view;
    this.layers = layers;
  }

  // ------------------------------------------------------------------------------ reads

  /** The number of the stored block with this hash (canonical or not). */
  public Optional<Long> blockNumber(Hash blockHash) {
    return view.get(Column.HEADER_NUMBERS, Schema.hashKey(blockHash))
        .map(v -> Schema.decodeUint64(v, "the number of block " + blockHash));
  }

  /** The key of the stored block with this hash. */
  public Optional<BlockKey> blockKey(Hash blockHash) {
    return blockNumber(blockHash).map(n -> new BlockKey(n, blockHash));
  }

  /** The hash of the canonical block at {@code number}. */
  public Optional<Hash> canonicalHash(long number) {
    if (number < 0) {
      return Optional.empty();
    }
    return view.get(Column.CANONICAL, Schema.numberKey(number)).map(v -> hashValue(v, number));
  }

  public Optional<BlockKey> canonicalKey(long number) {
    return canonicalHash(number).map(h -> new BlockKey(number, h));
  }

  public Optional<BlockHeader> header(BlockKey key) {
    return decoded(Column.HEADERS, key, BlockHeader::decode, "header");
  }

  public Optional<BlockHeader> header(Hash blockHash) {
    return blockKey(blockHash).flatMap(this::header);
  }

  public Optional<BlockHeader> canonicalHeader(long number) {
    return canonicalKey(number).flatMap(this::header);
  }

  public Optional<BlockBody> body(BlockKey key) {
    return decoded(Column.BODIES, key, BlockBody::decode, "body");
  }

  public Optional<Block> block(BlockKey key) {
    return header(key).flatMap(h -> body(key).map(b -> new Block(h, b)));
  }

  public Optional<Block> block(Hash blockHash) {
    return blockKey(blockHash).flatMap(this::block);
  }

  public Optional<Block> canonicalBlock(long number) {
    return canonicalKey(number).flatMap(this::block);
  }

  /** The receipts of a stored block, in transaction order. */
  public Optional<List<Receipt>> receipts(BlockKey key) {
    return decoded(Column.RECEIPTS, key, ChainStore::decodeReceipts, "receipts");
  }

  public Optional<List<Receipt>> receipts(Hash blockHash) {
    return blockKey(blockHash).flatMap(this::receipts);
  }

  /** Where a canonical transaction is. */
  public Optional<TxLocation> txLocation(Hash txHash) {
    Optional<TxLocation> recent = layers.get().txLocation(txHash);
    if (recent.isPresent()) {
      return recent;
    }
    return view.get(Column.TX_LOOKUP, Schema.hashKey(txHash))
        .flatMap(v -> TxLocation.parse(v, this::canonicalHash));
  }

  /** A canonical transaction by hash, with its location. */
  public Optional<LocatedTransaction> transaction(Hash txHash) {
    Optional<TxLocation> location = txLocation(txHash);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    TxLocation at = location.get();
    BlockBody body =
        body(at.block())
            .orElseThrow(
                () -> corrupt("the transaction index names block " + at.block() + " without body"));
    if (at.index() >= body.transactions().size()) {
      throw corrupt("the transaction index names position " + at.index() + " of " + at.block());
    }
    return Optional.of(new LocatedTransaction(body.transactions().get(at.index()), at));
  }

  /** The head pointers, empty before genesis is written. */
  public Optional<ChainHeads> heads() {
    Optional<BlockKey> unsafe = headKey(MetaKey.UNSAFE_HEAD);
    if (unsafe.isEmpty()) {
      return Optional.empty();
    }
    BlockKey safe = headKey(MetaKey.SAFE_HEAD).orElseThrow(() -> corrupt("no safe head"));
    BlockKey finalized =
        headKey(MetaKey.FINALIZED_HEAD).orElseThrow(() -> corrupt("no finalized head"));
    try {
      return Optional.of(new ChainHeads(unsafe.get(), safe, finalized));
    } catch (IllegalArgumentException e) {
      throw corrupt(e.getMessage());
    }
  }

  private Optional<BlockKey> headKey(MetaKey key) {
    return view.get(Column.METADATA, key.key()).map(BlockKey::parse);
  }

  public Optional<Hash> genesisHash() {
    return metadata(MetaKey.GENESIS_HASH).map(v -> hashValue(v, 0));
  }

  public Optional<byte[]> metadata(MetaKey key) {
    return view.get(Column.METADATA, key.key());
  }

  // ----------------------------------------------------------------------------- writes

  /** Stores a block (header, hash index, body, receipts) without making it canonical. */
  public static void putBlock(WriteBatch batch, BlockKey key, Block block, List<Receipt> receipts) {
    putBlock(batch, key, block, receipts, Optional.empty());
  }

  /**
   * {@link #putBlock(WriteBatch, BlockKey, Block, List)} with the body's transactions and the
   * receipts already encoded by the block's builder, when it has them.
   */
  public static void putBlock(
      WriteBatch batch,
      BlockKey key,
      Block block,
      List<Receipt> receipts,
      Optional<EncodedItems> encoded) {
    byte[] k = key.toBytes();
    batch.put(Column.HEADERS, k, block.header().encode());
    batch.put(Column.HEADER_NUMBERS, Schema.hashKey(key.hash()), Schema.numberKey(key.number()));
    if (encoded.isPresent() && encoded.get().count() == receipts.size()) {
      batch.put(Column.BODIES, k, block.body().encode(encoded.get()));
      batch.put(Column.RECEIPTS, k, encodeReceipts(encoded.get()));
    } else {
      batch.put(Column.BODIES, k, block.body().encode());
      batch.put(Column.RECEIPTS, k, encodeReceipts(receipts));
    }
  }

  /** Makes a stored block canonical at its height and indexes its transactions. */
  public static void putCanonical(WriteBatch batch, BlockKey key, BlockBody body) {
    putCanonical(batch, key);
    List<Transaction> txs = body.transactions();
    for (int i = 0; i < txs.size(); i++) {
      putTxLookup(batch, txs.get(i).hash(), key.number(), i);
    }
  }

  /**
   * Makes a stored block canonical at its height, without indexing its transactions (a new head
   * block's lookups follow in its {@link HeadLayers layer}).
   */
  public static void putCanonical(WriteBatch batch, BlockKey key) {
    batch.put(Column.CANONICAL, Schema.numberKey(key.number()), Schema.hashKey(key.hash()));
  }

  /**
   * Indexes one transaction of the canonical block at {@code blockNumber} (position form: the
   * block's hash is the canonical entry's at that number).
   */
  public static void putTxLookup(WriteBatch batch, Hash txHash, long blockNumber, int index) {
    batch.put(
        Column.TX_LOOKUP, Schema.hashKey(txHash), TxLocation.positionBytes(blockNumber, index));
  }

  /** Removes a block from the canonical index (it stays stored) and its transaction lookups. */
  public static void deleteCanonical(WriteBatch batch, BlockKey key, BlockBody body) {
    batch.delete(Column.CANONICAL, Schema.numberKey(key.number()));
    for (Transaction tx : body.transactions()) {
      batch.delete(Column.TX_LOOKUP, Schema.hashKey(tx.hash()));
    }
  }

  public static void putHeads(WriteBatch batch, ChainHeads heads) {
    batch.put(Column.METADATA, MetaKey.UNSAFE_HEAD.key(), heads.unsafe().toBytes());
    batch.put(Column.METADATA, MetaKey.SAFE_HEAD.key(), heads.safe().toBytes());
    batch.put(Column.METADATA, MetaKey.FINALIZED_HEAD.key(), heads.finalized().toBytes());
  }

  public static void putMetadata(WriteBatch batch, MetaKey key, byte[] value) {
    batch.put(Column.METADATA, key.key(), value);
  }

  // ---------------------------------------------------------------------------- codecs

  static byte[] encodeReceipts(List<Receipt> receipts) {
    RlpWriter w = new RlpWriter(64 + 300 * receipts.size());
    w.startList();
    for (Receipt r : receipts) {
      r.writeTo(w);
    }
    return w.endList().toByteArray();
  }

  /** {@link #encodeReceipts(List)} from the receipts' items encoded already. */
  static byte[] encodeReceipts(EncodedItems encoded) {
    RlpWriter w = new RlpWriter(16 + encoded.receiptItems().length);
    return w.startList().writeRaw(encoded.receiptItems()).endList().toByteArray();
  }

  static List<Receipt> decodeReceipts(byte[] rlp) {
    RlpReader top = RlpReader.of(rlp);
    RlpReader list = top.enterList();
    List<Receipt> out = new ArrayList<>();
    while (list.hasNext()) {
      out.add(Receipt.readFrom(list));
    }
    top.finish();
    return out;
  }

  private <T> Optional<T> decoded(
      Column column, BlockKey key, Function<byte[], T> decoder, String what) {
    Optional<byte[]> raw = view.get(column, key.toBytes());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decoder.apply(raw.get()));
    } catch (DecodingException e) {
      throw new StorageException(
          StorageException.Kind.CORRUPT,
          "corrupt database: the " + what + " of block " + key + " does not decode: " + e,
          e);
    }
  }

  private static Hash hashValue(byte[] v, long number) {
    if (v.length != 32) {
      throw corrupt("a block hash at height " + number + " has " + v.length + " bytes");
    }
    return Hash.wrap(v);
  }

  private static StorageException corrupt(String message) {
    return new StorageException(StorageException.Kind.CORRUPT, "corrupt database: " + message);
  }
}
