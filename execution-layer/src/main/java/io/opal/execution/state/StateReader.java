package io.opal.execution.state;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.Optional;

/**
 * Read access to a world state: what the EVM's {@link JournaledState} loads lazily, account by
 * account and slot by slot. Implementations may be in memory, on disk or backed by a witness.
 */
public interface StateReader {

  /** The account, or empty when it does not exist in the state. */
  Optional<AccountState> account(Address address);

  /** The storage value (zero when unset or when the account does not exist). */
  Word256 storage(Address address, Word256 key);

  /** Whether the account has any non-zero storage slot (EIP-7610 treats that as a collision). */
  boolean hasStorage(Address address);

  /** The code with this hash; {@code Hash.EMPTY} gives an empty array. */
  byte[] code(Hash codeHash);
}
