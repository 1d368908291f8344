package io.opal.execution.engine;

import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainStateException;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.storage.BlockKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocks between two heads: those a move abandons (newest first) and those it makes canonical
 * (oldest first), through their common ancestor. Read for the head-change event, and to refuse a
 * move deeper than the kept state history before anything is written.
 */
record ReorgPath(BlockKey ancestor, List<Block> removed, List<BlockKey> added) {

  static ReorgPath between(ChainDatabase db, BlockKey from, BlockKey to, int depthLimit) {
    List<Block> removed = new ArrayList<>();
    List<BlockKey> added = new ArrayList<>();
    BlockKey a = from;
    BlockKey b = to;
    while (!a.equals(b)) {
      if (removed.size() > depthLimit || added.size() > depthLimit) {
        throw new EngineException(
            EngineException.Kind.REORG_TOO_DEEP,
            "moving the head from "
                + from
                + " to "
                + to
                + " goes deeper than the "
                + depthLimit
                + " blocks of kept state history");
      }
      if (a.number() >= b.number()) {
        Block block = block(db, a);
        removed.add(block);
        a = parent(block.header());
      } else {
        added.add(0, b);
        b = parent(block(db, b).header());
      }
    }
    return new ReorgPath(a, removed, added);
  }

  private static Block block(ChainDatabase db, BlockKey key) {
    return db.chain()
        .block(key)
        .orElseThrow(
            () -> new ChainStateException("corrupt database: block " + key + " is missing"));
  }

  private static BlockKey parent(BlockHeader h) {
    if (h.number() == 0) {
      throw new EngineException(
          EngineException.Kind.INVALID_FORKCHOICE, "the two heads share no ancestor");
    }
    return new BlockKey(h.number() - 1, h.parentHash());
  }
}
