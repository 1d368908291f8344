package io.opal.rpc.backend;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.StateReader;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Records which accounts and storage slots a run loads from the state, for eth_createAccessList.
 * The transaction processor's journal loads each account and slot once, when it is first touched
 * (warming an access list's entries loads nothing), so the loads are exactly the accesses; like
 * geth's access-list tracer, the result leaves out the excluded addresses (sender, recipient or
 * created contract, precompiles, and the fee recipient the fee payment touches) but keeps the
 * storage keys read or written in any of them.
 */
final class AccessRecorder implements StateReader {
  private final StateReader base;
  private final Map<Address, Set<Bytes32>> touched = new LinkedHashMap<>();

  AccessRecorder(StateReader base) {
    this.base = base;
  }

  @Override
  public java.util.Optional<AccountState> account(Address address) {
    touched.computeIfAbsent(address, a -> new TreeSet<>());
    return base.account(address);
  }

  @Override
  public Word256 storage(Address address, Word256 key) {
    touched.computeIfAbsent(address, a -> new TreeSet<>()).add(Bytes32.wrap(key.toBytes()));
    return base.storage(address, key);
  }

  @Override
  public boolean hasStorage(Address address) {
    return base.hasStorage(address);
  }

  @Override
  public byte[] code(Hash codeHash) {
    return base.code(codeHash);
  }

  /** The access list of what was loaded, without the excluded addresses that have no slots. */
  List<AccessListEntry> accessList(Set<Address> excluded) {
    List<AccessListEntry> out = new ArrayList<>();
    for (Map.Entry<Address, Set<Bytes32>> e : touched.entrySet()) {
      if (excluded.contains(e.getKey()) && e.getValue().isEmpty()) {
        continue;
      }
      List<Hash> keys = new ArrayList<>(e.getValue().size());
      for (Bytes32 k : e.getValue()) {
        keys.add(new Hash(k));
      }
      out.add(new AccessListEntry(e.getKey(), keys));
    }
    return out;
  }
}
