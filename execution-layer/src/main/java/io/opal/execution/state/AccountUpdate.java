package io.opal.execution.state;

import io.opal.primitives.Address;
import java.util.Map;
import java.util.Optional;

/** The net change of one account made by a transaction, applied to a {@link WorldState}. */
public sealed interface AccountUpdate {
  Address address();

  /** The account is gone (self-destructed or cleared as empty under EIP-161), with its storage. */
  record Deleted(Address address) implements AccountUpdate {}

  /**
   * The account now has {@code state}; {@code code} is present when the code changed; when {@code
   * storageReset} all previous storage is dropped before {@code storage} (zero values delete) is
   * written.
   */
  record Updated(
      Address address,
      AccountState state,
      Optional<byte[]> code,
      boolean storageReset,
      Map<Word256, Word256> storage)
      implements AccountUpdate {}
}
