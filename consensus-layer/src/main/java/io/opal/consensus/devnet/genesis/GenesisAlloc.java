package io.opal.consensus.devnet.genesis;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/** The accounts of a genesis state, ordered by address (as genesis.json lists them). */
public record GenesisAlloc(SortedMap<Address, GenesisAccount> accounts) {

  public GenesisAlloc {
    accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
  }

  public Optional<GenesisAccount> account(Address a) {
    return Optional.ofNullable(accounts.get(a));
  }

  /** A fresh in-memory world state holding these accounts. */
  public InMemoryWorldState toWorldState() {
    InMemoryWorldState world = new InMemoryWorldState();
    accounts.forEach(
        (address, acc) -> {
          Map<Word256, Word256> storage = new HashMap<>();
          acc.storage()
              .forEach(
                  (k, v) ->
                      storage.put(Word256.fromBytes(k.toArray()), Word256.fromBytes(v.toArray())));
          world.put(address, acc.nonce(), acc.balance(), acc.code().toArray(), storage);
        });
    return world;
  }

  /** The state root of these accounts. */
  public Hash stateRoot() {
    return toWorldState().stateRoot();
  }

  /** A snapshot of every account of {@code world}. */
  public static GenesisAlloc of(InMemoryWorldState world) {
    TreeMap<Address, GenesisAccount> out = new TreeMap<>();
    for (Address a : world.addresses()) {
      AccountState s = world.account(a).orElseThrow();
      TreeMap<Bytes32, Bytes32> storage = new TreeMap<>();
      world
          .storageOf(a)
          .forEach((k, v) -> storage.put(Bytes32.wrap(k.toBytes()), Bytes32.wrap(v.toBytes())));
      out.put(
          a,
          new GenesisAccount(
              s.nonce(), s.balance(), Bytes.wrap(world.code(s.codeHash())), storage));
    }
    return new GenesisAlloc(out);
  }
}
