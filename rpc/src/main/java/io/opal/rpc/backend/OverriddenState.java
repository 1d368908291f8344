package io.opal.rpc.backend;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.StateReader;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.rpc.CallExecutor.AccountOverride;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A state with eth_call's state overrides laid over it (geth's {@code StateOverride.Apply}):
 * balance, nonce and code replace the account's; {@code state} replaces its whole storage, {@code
 * stateDiff} patches single slots. Nothing is written to the state underneath.
 */
final class OverriddenState implements StateReader {
  private final StateReader base;
  private final Map<Address, AccountOverride> overrides;
  private final Map<Hash, byte[]> codes = new HashMap<>();

  OverriddenState(StateReader base, Map<Address, AccountOverride> overrides) {
    this.base = base;
    this.overrides = overrides;
    for (AccountOverride o : overrides.values()) {
      o.code().ifPresent(c -> codes.put(Hash.keccak(c.toArrayUnsafe()), c.toArray()));
    }
  }

  @Override
  public Optional<AccountState> account(Address address) {
    Optional<AccountState> account = base.account(address);
    AccountOverride o = overrides.get(address);
    if (o == null) {
      return account;
    }
    AccountState a = account.orElse(AccountState.EMPTY);
    return Optional.of(
        new AccountState(
            o.nonce().orElse(a.nonce()),
            o.balance().orElse(a.balance()),
            o.code().map(c -> Hash.keccak(c.toArrayUnsafe())).orElse(a.codeHash())));
  }

  @Override
  public Word256 storage(Address address, Word256 key) {
    AccountOverride o = overrides.get(address);
    if (o != null && o.state().isPresent()) {
      return lookup(o.state().get(), key).orElse(Word256.ZERO);
    }
    if (o != null && o.stateDiff().isPresent()) {
      Optional<Word256> patched = lookup(o.stateDiff().get(), key);
      if (patched.isPresent()) {
        return patched.get();
      }
    }
    return base.storage(address, key);
  }

  private static Optional<Word256> lookup(Map<Bytes32, Bytes32> slots, Word256 key) {
    Bytes32 value = slots.get(Bytes32.wrap(key.toBytes()));
    return Optional.ofNullable(value).map(v -> Word256.fromBytes(v.toArrayUnsafe()));
  }

  @Override
  public boolean hasStorage(Address address) {
    AccountOverride o = overrides.get(address);
    if (o != null && o.state().isPresent()) {
      return o.state().get().values().stream().anyMatch(v -> !v.isZero());
    }
    return base.hasStorage(address)
        || (o != null
            && o.stateDiff()
                .map(d -> d.values().stream().anyMatch(v -> !v.isZero()))
                .orElse(false));
  }

  @Override
  public byte[] code(Hash codeHash) {
    byte[] overridden = codes.get(codeHash);
    return overridden != null ? overridden.clone() : base.code(codeHash);
  }
}
