package io.opal.txpool;

import io.opal.primitives.Address;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.units.bigints.UInt256;

/** Test scaffolding: accounts in a map. {@link #copy} gives the next head's state. */
final class FakeState implements PoolStateView {
  private final Map<Address, PoolAccount> accounts = new ConcurrentHashMap<>();

  @Override
  public PoolAccount account(Address address) {
    return accounts.getOrDefault(address, PoolAccount.EMPTY);
  }

  FakeState set(Address address, long nonce, UInt256 balance, boolean hasCode) {
    accounts.put(address, new PoolAccount(nonce, balance, hasCode));
    return this;
  }

  FakeState fund(Address address, UInt256 balance) {
    PoolAccount a = account(address);
    return set(address, a.nonce(), balance, a.hasCode());
  }

  FakeState nonce(Address address, long nonce) {
    PoolAccount a = account(address);
    return set(address, nonce, a.balance(), a.hasCode());
  }

  FakeState code(Address address) {
    PoolAccount a = account(address);
    return set(address, a.nonce(), a.balance(), true);
  }

  FakeState copy() {
    FakeState c = new FakeState();
    c.accounts.putAll(accounts);
    return c;
  }
}
