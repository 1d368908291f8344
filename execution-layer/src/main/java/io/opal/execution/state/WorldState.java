package io.opal.execution.state;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;

/** A world state that transactions can change, with its Merkle-Patricia root. */
public interface WorldState extends StateReader {

  /** Applies one transaction's changes, in order. */
  void apply(List<AccountUpdate> updates);

  /** The state root: the secure trie of accounts, each with its storage trie root. */
  Hash stateRoot();

  /**
   * The root of one account's storage trie ({@link Hash#EMPTY_TRIE} when it has no storage or does
   * not exist). OP Isthmus headers carry the L2ToL1MessagePasser's, and output roots need it.
   */
  Hash storageRoot(Address address);
}
