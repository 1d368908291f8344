package io.opal.execution.store;

import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.storage.BlockKey;
import io.opal.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A planned move of the unsafe head from one stored block to another: the blocks to leave (newest
 * first) back to the common ancestor, and the blocks to enter (oldest first), each with its state
 * diff and body. Planning reads everything and checks it, so writing cannot fail half-way.
 */
final class HeadMove {
  private record Step(BlockKey key, StateDiff diff, BlockBody body) {}

  private final BlockKey ancestor;
  private final List<Step> down;
  private final List<Step> up;

  private HeadMove(BlockKey ancestor, List<Step> down, List<Step> up) {
    this.ancestor = ancestor;
    this.down = down;
    this.up = up;
  }

  static HeadMove plan(ChainStore chain, WorldStateStore state, BlockKey from, BlockKey to) {
    int limit = state.historyDepth();
    List<BlockKey> downKeys = new ArrayList<>();
    List<BlockKey> upKeys = new ArrayList<>();
    BlockKey a = from;
    BlockKey b = to;
    BlockHeader ha = header(chain, a);
    BlockHeader hb = header(chain, b);
    while (!a.equals(b)) {
      if (downKeys.size() > limit || upKeys.size() > limit) {
        throw new ChainStateException(
            "moving the head from "
                + from
                + " to "
                + to
                + " goes deeper than the "
                + limit
                + " blocks of kept state history");
      }
      if (a.number() >= b.number()) {
        downKeys.add(a);
        a = parent(chain, ha);
        ha = header(chain, a);
      } else {
        upKeys.add(0, b);
        b = parent(chain, hb);
        hb = header(chain, b);
      }
    }
    List<Step> down = new ArrayList<>();
    for (BlockKey k : downKeys) {
      down.add(step(chain, state, k));
    }
    List<Step> up = new ArrayList<>();
    for (BlockKey k : upKeys) {
      up.add(step(chain, state, k));
    }
    return new HeadMove(a, down, up);
  }

  private static Step step(ChainStore chain, WorldStateStore state, BlockKey key) {
    BlockHeader header = header(chain, key);
    StateDiff diff =
        state
            .diff(key)
            .orElseThrow(
                () ->
                    new ChainStateException(
                        "the state history of block "
                            + key
                            + " is not kept (pruned beyond "
                            + state.historyDepth()
                            + " blocks, or never executed)"));
    if (!diff.stateRoot().equals(header.stateRoot())) {
      throw new ChainStateException(
          "the state diff of block " + key + " does not lead to its state root");
    }
    BlockBody body =
        chain
            .body(key)
            .orElseThrow(() -> new ChainStateException("the body of block " + key + " is missing"));
    return new Step(key, diff, body);
  }

  private static BlockHeader header(ChainStore chain, BlockKey key) {
    return chain
        .header(key)
        .orElseThrow(() -> new ChainStateException("block " + key + " is not stored"));
  }

  private static BlockKey parent(ChainStore chain, BlockHeader header) {
    if (header.number() == 0) {
      throw new ChainStateException("the two blocks share no ancestor");
    }
    return new BlockKey(header.number() - 1, header.parentHash());
  }

  BlockKey ancestor() {
    return ancestor;
  }

  /** Whether {@code block} is one of the blocks the move leaves. */
  boolean abandons(BlockKey block) {
    return down.stream().anyMatch(s -> s.key().equals(block));
  }

  /** Moves the flat state and the canonical index; the caller writes the heads. */
  void write(WriteBatch batch) {
    for (Step s : down) {
      s.diff().applyBackward(batch);
      ChainStore.deleteCanonical(batch, s.key(), s.body());
    }
    for (Step s : up) {
      s.diff().applyForward(batch);
      ChainStore.putCanonical(batch, s.key(), s.body());
    }
  }
}
