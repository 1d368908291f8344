package io.opal.execution.state;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.trie.MerklePatriciaTrie;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A world state held in hash maps, for tests, tools and genesis construction. The state root is
 * computed on demand: each account's storage trie (keys keccak(slot), values rlp(trimmed value))
 * and the account trie (keys keccak(address), values rlp([nonce, balance, storageRoot, codeHash])).
 */
public final class InMemoryWorldState implements WorldState {
  private static final class Entry {
    AccountState account;
    HashMap<Word256, Word256> storage = new HashMap<>();
  }

  private final HashMap<Address, Entry> accounts = new HashMap<>();
  private final HashMap<Hash, byte[]> codes = new HashMap<>();

  /** Sets an account with its code and storage, replacing whatever was there. */
  public void put(
      Address address,
      long nonce,
      org.apache.tuweni.units.bigints.UInt256 balance,
      byte[] code,
      Map<Word256, Word256> storage) {
    Entry e = new Entry();
    Hash codeHash = code.length == 0 ? Hash.EMPTY : Hash.keccak(code);
    if (code.length > 0) {
      codes.put(codeHash, code);
    }
    e.account = new AccountState(nonce, balance, codeHash);
    storage.forEach(
        (k, v) -> {
          if (!v.isZero()) {
            e.storage.put(k, v);
          }
        });
    accounts.put(address, e);
  }

  @Override
  public Optional<AccountState> account(Address address) {
    Entry e = accounts.get(address);
    return e == null ? Optional.empty() : Optional.of(e.account);
  }

  @Override
  public Word256 storage(Address address, Word256 key) {
    Entry e = accounts.get(address);
    if (e == null) {
      return Word256.ZERO;
    }
    return e.storage.getOrDefault(key, Word256.ZERO);
  }

  @Override
  public boolean hasStorage(Address address) {
    Entry e = accounts.get(address);
    return e != null && !e.storage.isEmpty();
  }

  @Override
  public byte[] code(Hash codeHash) {
    if (codeHash.equals(Hash.EMPTY)) {
      return new byte[0];
    }
    byte[] c = codes.get(codeHash);
    if (c == null) {
      throw new IllegalStateException("unknown code hash " + codeHash);
    }
    return c;
  }

  /** Every account address (for dumps and tests). */
  public Iterable<Address> addresses() {
    return accounts.keySet();
  }

  /** The storage of one account (unmodifiable view; empty when the account does not exist). */
  public Map<Word256, Word256> storageOf(Address address) {
    Entry e = accounts.get(address);
    return e == null ? Map.of() : java.util.Collections.unmodifiableMap(e.storage);
  }

  @Override
  public void apply(List<AccountUpdate> updates) {
    for (AccountUpdate u : updates) {
      switch (u) {
        case AccountUpdate.Deleted d -> accounts.remove(d.address());
        case AccountUpdate.Updated up -> {
          Entry e = accounts.get(up.address());
          if (e == null || up.storageReset()) {
            e = new Entry(); // a new account, or one whose old storage is gone
            accounts.put(up.address(), e);
          }
          e.account = up.state();
          up.code()
              .ifPresent(
                  c -> {
                    if (c.length > 0) {
                      codes.put(up.state().codeHash(), c);
                    }
                  });
          for (Map.Entry<Word256, Word256> w : up.storage().entrySet()) {
            if (w.getValue().isZero()) {
              e.storage.remove(w.getKey());
            } else {
              e.storage.put(w.getKey(), w.getValue());
            }
          }
        }
      }
    }
  }

  @Override
  public Hash stateRoot() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (Map.Entry<Address, Entry> a : accounts.entrySet()) {
      AccountState s = a.getValue().account;
      byte[] value =
          new RlpWriter()
              .startList()
              .writeLong(s.nonce())
              .writeUInt256(s.balance())
              .writeHash(storageRoot(a.getValue().storage))
              .writeHash(s.codeHash())
              .endList()
              .toByteArray();
      trie.put(Keccak256.hash(a.getKey().toArray()), value);
    }
    return trie.rootHash();
  }

  @Override
  public Hash storageRoot(Address address) {
    Entry e = accounts.get(address);
    return e == null ? Hash.EMPTY_TRIE : storageRoot(e.storage);
  }

  private static Hash storageRoot(Map<Word256, Word256> storage) {
    if (storage.isEmpty()) {
      return Hash.EMPTY_TRIE;
    }
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (Map.Entry<Word256, Word256> slot : storage.entrySet()) {
      byte[] value = RlpWriter.encodeBytes(trimLeadingZeros(slot.getValue().toBytes()));
      trie.put(Keccak256.hash(slot.getKey().toBytes()), value);
    }
    return trie.rootHash();
  }

  private static byte[] trimLeadingZeros(byte[] b) {
    int i = 0;
    while (i < b.length && b[i] == 0) {
      i++;
    }
    return java.util.Arrays.copyOfRange(b, i, b.length);
  }
}
