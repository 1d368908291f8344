package io.opal.execution.store;

import io.opal.primitives.Hash;
import io.opal.storage.Snapshot;
import java.util.Optional;

/**
 * A consistent read view of the chain at one moment (a storage snapshot): heads, blocks, receipts
 * and the head's state all agree with each other even while blocks are being committed. For RPC
 * requests that read several things. Close it promptly: a snapshot pins old data in the store.
 */
public final class ChainView implements AutoCloseable {
  private final Snapshot snapshot;
  private final WorldStateStore state;
  private final ChainStore chain;
  private final Optional<ChainHeads> heads;
  private final HeadLayers layers;

  ChainView(Snapshot snapshot, WorldStateStore state, HeadLayers layers) {
    this.snapshot = snapshot;
    this.state = state;
    this.layers = layers;
    this.chain = new ChainStore(snapshot, () -> layers);
    this.heads = chain.heads();
  }

  public Optional<ChainHeads> heads() {
    return heads;
  }

  public ChainStore chain() {
    return chain;
  }

  /** The unsafe head's state, through the snapshot's flat tables and the layers above them. */
  public FlatStateReader headState() {
    return state.head(snapshot, layers);
  }

  /**
   * The state after block {@code blockHash}: the snapshot's flat tables for its unsafe head, the
   * block's trie otherwise (trie nodes are never deleted, so the live store serves them).
   */
  public Optional<StateView> stateAt(Hash blockHash) {
    if (heads.isPresent() && heads.get().unsafe().hash().equals(blockHash)) {
      return Optional.of(headState());
    }
    return chain.header(blockHash).map(h -> state.at(h.stateRoot()));
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
