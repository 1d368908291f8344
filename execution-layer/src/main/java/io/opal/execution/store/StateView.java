package io.opal.execution.store;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.StateReader;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.Optional;

/**
 * The state at one block, read by hashed keys (the layout of both the state trie and the flat
 * tables) and with each account's storage root, which {@link BlockState} needs to update storage
 * tries. The {@link StateReader} methods the EVM uses hash the address and slot and delegate.
 *
 * <p>Implementations: {@link FlatStateReader} (the head state, one key-value read per lookup) and
 * {@link TrieStateReader} (any state whose trie nodes are at hand: a database for past blocks, a
 * witness for stateless execution).
 */
public interface StateView extends StateReader {

  /** The account whose address hashes to {@code accountHash}, or empty. */
  Optional<StoredAccount> storedAccount(Hash accountHash);

  /**
   * The value of the slot hashing to {@code slotHash} in the storage of the account hashing to
   * {@code accountHash}; zero when unset. {@code account} is that account as {@link #storedAccount}
   * returned it (so a trie-backed view need not look it up again).
   */
  Word256 storageValue(Hash accountHash, StoredAccount account, Hash slotHash);

  /**
   * Hands every non-zero slot of the account to {@code action} as (slot hash, value), in no
   * particular order; used when a block wipes an account's storage, to record what it held.
   */
  void forEachSlot(Hash accountHash, StoredAccount account, SlotVisitor action);

  /** Receives one storage slot from {@link #forEachSlot}. */
  @FunctionalInterface
  interface SlotVisitor {
    void accept(Hash slotHash, Word256 value);
  }

  default Optional<StoredAccount> storedAccount(Address address) {
    return storedAccount(Hash.keccak(address.toArray()));
  }

  @Override
  default Optional<AccountState> account(Address address) {
    return storedAccount(address).map(StoredAccount::state);
  }

  @Override
  default Word256 storage(Address address, Word256 key) {
    Hash accountHash = Hash.keccak(address.toArray());
    Optional<StoredAccount> account = storedAccount(accountHash);
    if (account.isEmpty() || !account.get().hasStorage()) {
      return Word256.ZERO;
    }
    return storageValue(accountHash, account.get(), StateCodec.slotHash(key));
  }

  @Override
  default boolean hasStorage(Address address) {
    return storedAccount(address).map(StoredAccount::hasStorage).orElse(false);
  }
}
