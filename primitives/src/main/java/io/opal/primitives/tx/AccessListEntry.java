package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;

/** One EIP-2930 access-list entry: an address and the storage keys of it to pre-warm. */
public record AccessListEntry(Address address, List<Hash> storageKeys) {
  public AccessListEntry {
    storageKeys = List.copyOf(storageKeys);
  }
}
