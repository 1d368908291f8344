package io.opal.execution.store;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.StateReader;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Random transaction effects over a small pool of accounts and slots (so that accounts are updated,
 * deleted, re-created and wiped repeatedly), and dumps of a state over that pool to compare two
 * implementations.
 */
final class RandomUpdates {
  static final int ACCOUNTS = 40;
  static final int SLOTS = 24;

  private final SplittableRandom random;

  RandomUpdates(long seed) {
    this.random = new SplittableRandom(seed);
  }

  static Address address(int i) {
    return Address.ofLong(0x1000 + i);
  }

  static Word256 slot(int i) {
    return Word256.of(i * 7L + 1);
  }

  /** The effects of one transaction: one to four accounts changed. */
  List<AccountUpdate> transaction() {
    List<AccountUpdate> out = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      Address a = address(random.nextInt(ACCOUNTS));
      if (random.nextInt(12) == 0) {
        out.add(new AccountUpdate.Deleted(a));
        continue;
      }
      Optional<byte[]> code = Optional.empty();
      Hash codeHash = Hash.EMPTY;
      if (random.nextInt(4) == 0) {
        byte[] c = new byte[1 + random.nextInt(40)];
        random.nextBytes(c);
        code = Optional.of(c);
        codeHash = Hash.keccak(c);
      }
      Map<Word256, Word256> storage = new LinkedHashMap<>();
      int writes = random.nextInt(6);
      for (int w = 0; w < writes; w++) {
        storage.put(slot(random.nextInt(SLOTS)), value());
      }
      out.add(
          new AccountUpdate.Updated(
              a,
              new AccountState(
                  random.nextInt(5), UInt256.valueOf(random.nextLong(1L << 40)), codeHash),
              code,
              random.nextInt(10) == 0,
              storage));
    }
    return out;
  }

  private Word256 value() {
    return switch (random.nextInt(4)) {
      case 0 -> Word256.ZERO;
      case 1 -> Word256.of(1 + random.nextInt(200));
      default ->
          new Word256(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    };
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Everything a reader answers over the pool. */
  record Dump(Map<Address, Optional<AccountState>> accounts, Map<String, Word256> slots) {}

  static Dump dump(StateReader state) {
    Map<Address, Optional<AccountState>> accounts = new HashMap<>();
    Map<String, Word256> slots = new HashMap<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      Address a = address(i);
      accounts.put(a, state.account(a));
      for (int s = 0; s < SLOTS; s++) {
        Word256 v = state.storage(a, slot(s));
        if (!v.isZero()) {
          slots.put(a + "/" + s, v);
        }
      }
    }
    return new Dump(accounts, slots);
  }

  /** The reference's answer to hasStorage for every pool account. */
  static Map<Address, Boolean> hasStorage(StateReader state) {
    Map<Address, Boolean> out = new HashMap<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      out.put(address(i), state.hasStorage(address(i)));
    }
    return out;
  }

  static InMemoryWorldState copyOf(InMemoryWorldState state) {
    InMemoryWorldState copy = new InMemoryWorldState();
    for (Address a : state.addresses()) {
      AccountState s = state.account(a).orElseThrow();
      copy.put(a, s.nonce(), s.balance(), state.code(s.codeHash()), state.storageOf(a));
    }
    return copy;
  }
}
