package io.opal.execution.engine;

import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.store.ChainStore;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import java.util.HashMap;
import java.util.Map;

/**
 * BLOCKHASH on a branch that is not canonical: walks parent hashes back from the branch tip, once,
 * as far as asked (the EVM asks at most 256 back). For one block's execution on one thread.
 */
final class BranchHashes implements BlockHashLookup {
  private final ChainStore chain;
  private final Map<Long, Hash> known = new HashMap<>();
  private BlockHeader oldest;

  BranchHashes(ChainStore chain, BlockHeader tip) {
    this.chain = chain;
    this.oldest = tip;
    known.put(tip.number(), tip.hash());
  }

  @Override
  public Hash hash(long number) {
    Hash h = known.get(number);
    if (h != null) {
      return h;
    }
    if (number < 0 || number > oldest.number()) {
      return Hash.ZERO;
    }
    while (oldest.number() > number) {
      if (oldest.number() == 0) {
        return Hash.ZERO;
      }
      BlockHeader parent = chain.header(oldest.parentHash()).orElse(null);
      if (parent == null) {
        return Hash.ZERO;
      }
      oldest = parent;
      known.put(parent.number(), parent.hash());
    }
    return known.getOrDefault(number, Hash.ZERO);
  }
}
