package io.opal.rpc.eth;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.ChainReader.ChainReceipt;
import io.opal.rpc.RpcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * op-geth's priority-fee suggestion for a chain with one known block builder: the configured
 * minimum while the last block had room for another transaction as large as its largest; once it
 * did not, 10% over the median tip of that block (if higher), capped at the maximum price. A block
 * counts as full when its gas used plus its largest transaction's gas passes its gas limit. The
 * answer is kept until the head changes.
 */
final class OpTipOracle {
  private final ChainReader chain;
  private final UInt256 minimum;
  private final UInt256 maximum;
  private volatile Hash cachedHead;
  private volatile UInt256 cachedTip;

  OpTipOracle(ChainReader chain, UInt256 minimum, UInt256 maximum) {
    this.chain = chain;
    this.minimum = minimum;
    this.maximum = maximum;
  }

  UInt256 suggestTipCap() throws RpcException {
    BlockHeader head =
        chain
            .header(BlockTag.LATEST)
            .orElseThrow(() -> RpcException.serverError("header not found"));
    Hash hash = head.hash();
    if (hash.equals(cachedHead)) {
      return cachedTip;
    }
    UInt256 tip = compute(head, hash);
    if (tip.compareTo(maximum) > 0) {
      tip = maximum;
    }
    cachedTip = tip;
    cachedHead = hash;
    return tip;
  }

  private UInt256 compute(BlockHeader head, Hash hash) {
    Optional<List<ChainReceipt>> receipts = chain.receipts(hash);
    if (receipts.isEmpty()) {
      return minimum;
    }
    long maxTxGas = 0;
    long previous = 0;
    for (ChainReceipt r : receipts.get()) {
      long used = r.receipt().cumulativeGasUsed() - previous;
      previous = r.receipt().cumulativeGasUsed();
      maxTxGas = Math.max(maxTxGas, used);
    }
    if (Long.compareUnsigned(maxTxGas, head.gasLimit()) > 0
        || Long.compareUnsigned(head.gasUsed() + maxTxGas, head.gasLimit()) <= 0) {
      return minimum;
    }
    Optional<Block> block = chain.blockByHash(hash);
    if (block.isEmpty() || block.get().body().transactions().isEmpty()) {
      return minimum;
    }
    UInt256 baseFee = BlockReceipts.unsigned(head.baseFeePerGas().orElse(0));
    List<UInt256> tips = new ArrayList<>();
    for (Transaction tx : block.get().body().transactions()) {
      tips.add(tx.effectiveTip(baseFee).orElse(UInt256.ZERO));
    }
    tips.sort(null);
    UInt256 median = tips.get(tips.size() / 2);
    UInt256 raised = median.add(median.divide(10));
    return raised.compareTo(minimum) > 0 ? raised : minimum;
  }
}
