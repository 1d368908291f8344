package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.rpc.BlockParameter;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.ChainReader.ChainReceipt;
import io.opal.rpc.PoolReader;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcParams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The eth_ methods that read blocks, transactions and receipts: they translate parameters into
 * {@link ChainReader} calls and its answers into geth's JSON. Unknown blocks and transactions are
 * JSON null, as in geth.
 */
final class EthChainMethods {
  private final ChainReader chain;
  private final PoolReader pool;
  private final BlockResolver blocks;

  EthChainMethods(ChainReader chain, PoolReader pool) {
    this.chain = chain;
    this.pool = pool;
    this.blocks = new BlockResolver(chain);
  }

  void register(RpcMethodRegistry r) {
    r.register("eth_chainId", 0, p -> chain.chainId());
    r.register("eth_blockNumber", 0, p -> blocks.tagged(BlockTag.LATEST).number());
    r.register("eth_syncing", 0, p -> syncing());
    r.register("eth_accounts", 0, p -> List.of());
    r.register("eth_getBlockByNumber", 2, p -> block(p.blockNumber(0), p.bool(1)));
    r.register("eth_getBlockByHash", 2, p -> block(byHash(p.hash(0)), p.bool(1)));
    r.register("eth_getHeaderByNumber", 1, p -> header(p.blockNumber(0)));
    r.register("eth_getHeaderByHash", 1, p -> header(byHash(p.hash(0))));
    r.register("eth_getBlockTransactionCountByNumber", 1, p -> txCount(p.blockNumber(0)));
    r.register("eth_getBlockTransactionCountByHash", 1, p -> txCount(byHash(p.hash(0))));
    r.register("eth_getUncleCountByBlockNumber", 1, p -> uncleCount(p.blockNumber(0)));
    r.register("eth_getUncleCountByBlockHash", 1, p -> uncleCount(byHash(p.hash(0))));
    r.register(
        "eth_getUncleByBlockNumberAndIndex", 2, p -> uncle(p.blockNumber(0), p.quantityLong(1)));
    r.register(
        "eth_getUncleByBlockHashAndIndex", 2, p -> uncle(byHash(p.hash(0)), p.quantityLong(1)));
    r.register(
        "eth_getTransactionByBlockNumberAndIndex",
        2,
        p -> txAt(p.blockNumber(0), p.quantityLong(1)));
    r.register(
        "eth_getTransactionByBlockHashAndIndex",
        2,
        p -> txAt(byHash(p.hash(0)), p.quantityLong(1)));
    r.register(
        "eth_getRawTransactionByBlockNumberAndIndex",
        2,
        p -> rawTxAt(p.blockNumber(0), p.quantityLong(1)));
    r.register(
        "eth_getRawTransactionByBlockHashAndIndex",
        2,
        p -> rawTxAt(byHash(p.hash(0)), p.quantityLong(1)));
    r.register("eth_getTransactionByHash", 1, p -> transaction(p.hash(0)));
    r.register("eth_getRawTransactionByHash", 1, p -> rawTransaction(p.hash(0)));
    r.register("eth_getTransactionReceipt", 1, this::receipt);
    r.register("eth_getBlockReceipts", 1, p -> blockReceipts(p.blockNumberOrHash(0)));
  }

  private static BlockParameter byHash(Hash hash) {
    return new BlockParameter.ByHash(hash, false);
  }

  private Object syncing() {
    Optional<ChainReader.SyncProgress> progress = chain.syncProgress();
    if (progress.isEmpty()) {
      return Boolean.FALSE;
    }
    Map<String, Object> out = new TreeMap<>();
    out.put("startingBlock", progress.get().startingBlock());
    out.put("currentBlock", progress.get().currentBlock());
    out.put("highestBlock", progress.get().highestBlock());
    return out;
  }

  private Optional<Block> findBlock(BlockParameter p) throws RpcException {
    Optional<BlockHeader> header = blocks.find(p);
    return header.isEmpty() ? Optional.empty() : chain.blockByHash(header.get().hash());
  }

  private Object block(BlockParameter p, boolean fullTx) throws RpcException {
    Optional<Block> block = findBlock(p);
    if (block.isEmpty()) {
      return null;
    }
    Block b = block.get();
    Hash hash = b.hash();
    if (!fullTx) {
      return RpcBlock.of(b, hash, false, i -> null);
    }
    List<Address> senders = chain.senders(b);
    Optional<List<ChainReceipt>> receipts =
        hasDeposits(b) ? chain.receipts(hash) : Optional.empty();
    return RpcBlock.of(b, hash, true, i -> inBlock(b, hash, senders, receipts, i));
  }

  private Object header(BlockParameter p) throws RpcException {
    return blocks.find(p).map(RpcBlock::header).orElse(null);
  }

  private Object txCount(BlockParameter p) throws RpcException {
    return findBlock(p).map(b -> (Object) (long) b.body().transactions().size()).orElse(null);
  }

  private Object uncleCount(BlockParameter p) throws RpcException {
    return findBlock(p).map(b -> (Object) (long) b.body().ommers().size()).orElse(null);
  }

  private Object uncle(BlockParameter p, long index) throws RpcException {
    Optional<Block> block = findBlock(p);
    if (block.isEmpty() || Long.compareUnsigned(index, block.get().body().ommers().size()) >= 0) {
      return null;
    }
    return RpcBlock.header(block.get().body().ommers().get((int) index));
  }

  private Object txAt(BlockParameter p, long index) throws RpcException {
    Optional<Block> block = findBlock(p);
    if (block.isEmpty()
        || Long.compareUnsigned(index, block.get().body().transactions().size()) >= 0) {
      return null;
    }
    Block b = block.get();
    Hash hash = b.hash();
    int i = (int) index;
    Transaction tx = b.body().transactions().get(i);
    Optional<List<ChainReceipt>> receipts =
        tx.type() == io.opal.primitives.tx.TxType.DEPOSIT ? chain.receipts(hash) : Optional.empty();
    return inBlock(b, hash, List.of(), receipts, i);
  }

  private Object rawTxAt(BlockParameter p, long index) throws RpcException {
    Optional<Block> block = findBlock(p);
    if (block.isEmpty()
        || Long.compareUnsigned(index, block.get().body().transactions().size()) >= 0) {
      return null;
    }
    return TransactionCodec.encode(block.get().body().transactions().get((int) index));
  }

  private Object transaction(Hash hash) throws RpcException {
    Optional<Located> located = locate(hash);
    if (located.isPresent()) {
      Located l = located.get();
      Transaction tx = l.block.body().transactions().get(l.index);
      Optional<List<ChainReceipt>> receipts =
          tx.type() == io.opal.primitives.tx.TxType.DEPOSIT
              ? chain.receipts(l.hash)
              : Optional.empty();
      return inBlock(l.block, l.hash, List.of(), receipts, l.index);
    }
    Optional<Transaction> pending = pool.transaction(hash);
    return pending.map(tx -> RpcTransaction.pending(tx, tx.sender())).orElse(null);
  }

  private Object rawTransaction(Hash hash) throws RpcException {
    Optional<Located> located = locate(hash);
    if (located.isPresent()) {
      return TransactionCodec.encode(
          located.get().block.body().transactions().get(located.get().index));
    }
    return pool.transaction(hash).map(TransactionCodec::encode).orElse(null);
  }

  private Object receipt(RpcParams p) throws RpcException {
    Optional<Located> located = locate(p.hash(0));
    if (located.isEmpty()) {
      return null;
    }
    Located l = located.get();
    List<ChainReceipt> receipts = chain.receipts(l.hash).orElse(null);
    if (receipts == null) {
      return null;
    }
    return BlockReceipts.derive(l.block, l.hash, chain.senders(l.block), receipts).get(l.index);
  }

  private Object blockReceipts(BlockParameter p) throws RpcException {
    Optional<Block> block = findBlock(p);
    if (block.isEmpty()) {
      return null;
    }
    Block b = block.get();
    Hash hash = b.hash();
    Optional<List<ChainReceipt>> receipts = chain.receipts(hash);
    if (receipts.isEmpty()) {
      return null;
    }
    return BlockReceipts.derive(b, hash, chain.senders(b), receipts.get());
  }

  /** A canonical transaction's block and index; empty when unknown or its block is gone. */
  private record Located(Block block, Hash hash, int index) {}

  private Optional<Located> locate(Hash txHash) {
    Optional<ChainReader.TransactionLocation> loc = chain.transactionLocation(txHash);
    if (loc.isEmpty()) {
      return Optional.empty();
    }
    Optional<Block> block = chain.blockByHash(loc.get().blockHash());
    int index = loc.get().index();
    if (block.isEmpty() || index < 0 || index >= block.get().body().transactions().size()) {
      return Optional.empty();
    }
    return Optional.of(new Located(block.get(), loc.get().blockHash(), index));
  }

  private static boolean hasDeposits(Block b) {
    for (Transaction tx : b.body().transactions()) {
      if (tx.type() == io.opal.primitives.tx.TxType.DEPOSIT) {
        return true;
      }
    }
    return false;
  }

  /** Transaction {@code i} of a block as JSON; {@code senders} may be empty (recovered then). */
  static RpcTransaction inBlock(
      Block b, Hash hash, List<Address> senders, Optional<List<ChainReceipt>> receipts, int i) {
    Transaction tx = b.body().transactions().get(i);
    Address from = senders.isEmpty() ? tx.sender() : senders.get(i);
    OptionalLong[] deposit = {OptionalLong.empty(), OptionalLong.empty()};
    if (receipts.isPresent() && i < receipts.get().size()) {
      deposit = BlockReceipts.depositFields(receipts.get().get(i).receipt());
    }
    BlockHeader h = b.header();
    return new RpcTransaction(
        tx,
        tx.hash(),
        from,
        Optional.of(
            new RpcTransaction.Inclusion(
                hash,
                h.number(),
                h.timestamp(),
                i,
                h.baseFeePerGas().isPresent()
                    ? Optional.of(BlockReceipts.unsigned(h.baseFeePerGas().getAsLong()))
                    : Optional.empty())),
        deposit[0],
        deposit[1]);
  }
}
