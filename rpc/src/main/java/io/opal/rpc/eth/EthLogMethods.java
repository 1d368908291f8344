package io.opal.rpc.eth;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Log;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.ChainReader.ChainReceipt;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * eth_getLogs over the canonical chain: blocks whose bloom cannot match are skipped without reading
 * their receipts. The scanned range and the number of results are capped ({@link EthConfig}); past
 * either the answer is -32005, and the client narrows its query.
 */
final class EthLogMethods {
  private final ChainReader chain;
  private final BlockResolver blocks;
  private final EthConfig config;

  EthLogMethods(ChainReader chain, EthConfig config) {
    this.chain = chain;
    this.blocks = new BlockResolver(chain);
    this.config = config;
  }

  void register(RpcMethodRegistry r) {
    r.register("eth_getLogs", 1, this::getLogs);
  }

  private Object getLogs(RpcParams p) throws RpcException {
    LogFilter filter = p.read(0, LogFilter::parse);
    List<RpcLog> out = new ArrayList<>();
    if (filter.blockHash().isPresent()) {
      Hash hash = filter.blockHash().get();
      Block block =
          chain.blockByHash(hash).orElseThrow(() -> RpcException.serverError("unknown block"));
      collect(block, hash, filter, out);
      return out;
    }
    long head = blocks.tagged(BlockTag.LATEST).number();
    long from = filter.fromBlock().isPresent() ? blocks.number(filter.fromBlock().get()) : head;
    long to = filter.toBlock().isPresent() ? blocks.number(filter.toBlock().get()) : head;
    if (from > to) {
      throw RpcException.serverError("invalid block range params");
    }
    to = Math.min(to, head);
    if (config.maxLogBlockRange() > 0 && to - from + 1 > config.maxLogBlockRange()) {
      throw RpcException.limitExceeded(
          "query exceeds max block range " + config.maxLogBlockRange());
    }
    for (long n = from; n <= to; n++) {
      if (Thread.currentThread().isInterrupted()) {
        throw RpcException.serverError("query interrupted");
      }
      Optional<BlockHeader> header = chain.headerByNumber(n);
      if (header.isEmpty() || !filter.mightMatch(header.get().logsBloom())) {
        continue;
      }
      Hash hash = header.get().hash();
      Optional<Block> block = chain.blockByHash(hash);
      if (block.isPresent()) {
        collect(block.get(), hash, filter, out);
      }
    }
    return out;
  }

  private void collect(Block block, Hash hash, LogFilter filter, List<RpcLog> out)
      throws RpcException {
    List<ChainReceipt> receipts = chain.receipts(hash).orElse(List.of());
    List<Transaction> txs = block.body().transactions();
    long logIndex = 0;
    for (int i = 0; i < receipts.size() && i < txs.size(); i++) {
      Receipt r = receipts.get(i).receipt();
      Hash txHash = null;
      for (Log log : r.logs()) {
        if (filter.matches(log)) {
          if (txHash == null) {
            txHash = txs.get(i).hash();
          }
          out.add(
              new RpcLog(
                  log,
                  hash,
                  block.number(),
                  block.header().timestamp(),
                  txHash,
                  i,
                  logIndex,
                  false));
          if (config.maxLogResults() > 0 && out.size() > config.maxLogResults()) {
            throw RpcException.limitExceeded(
                "query returned more than " + config.maxLogResults() + " results");
          }
        }
        logIndex++;
      }
    }
  }
}
