package io.opal.execution.state;

import io.opal.primitives.Hash;
import java.util.List;

/** A world state that transactions can change, with its Merkle-Patricia root. */
public interface WorldState extends StateReader {

  /** Applies one transaction's changes, in order. */
  void apply(List<AccountUpdate> updates);

  /** The state root: the secure trie of accounts, each with its storage trie root. */
  Hash stateRoot();
}
