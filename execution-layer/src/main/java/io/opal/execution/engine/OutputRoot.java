package io.opal.execution.engine;

import io.opal.execution.op.Predeploys;
import io.opal.execution.store.StateView;
import io.opal.execution.store.StoredAccount;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;

/**
 * The L2 output root, version 0 (specs/protocol/proposals.md): keccak256(version ‖ stateRoot ‖
 * L2ToL1MessagePasser storage root ‖ blockHash), each 32 bytes, version zero.
 */
public final class OutputRoot {
  private OutputRoot() {}

  /** The output root of {@code header}'s block, whose post-state is {@code state}. */
  public static Hash of(BlockHeader header, StateView state) {
    Hash passerRoot =
        state
            .storedAccount(Predeploys.L2_TO_L1_MESSAGE_PASSER)
            .map(StoredAccount::storageRoot)
            .orElse(Hash.EMPTY_TRIE);
    return of(header.stateRoot(), passerRoot, header.hash());
  }

  public static Hash of(Hash stateRoot, Hash messagePasserStorageRoot, Hash blockHash) {
    byte[] pre = new byte[128];
    System.arraycopy(stateRoot.toArray(), 0, pre, 32, 32);
    System.arraycopy(messagePasserStorageRoot.toArray(), 0, pre, 64, 32);
    System.arraycopy(blockHash.toArray(), 0, pre, 96, 32);
    return Hash.keccak(pre);
  }
}
