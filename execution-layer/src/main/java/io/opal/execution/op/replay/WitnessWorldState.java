package io.opal.execution.op.replay;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.Word256;
import io.opal.execution.state.WorldState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.trie.MerklePatriciaTrie;
import io.opal.primitives.trie.MissingTrieNodeException;
import io.opal.primitives.trie.TrieNodeSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A world state with no database: the tries are resolved node by node from a witness (keccak256 →
 * preimage: state-trie nodes, storage-trie nodes and code), every node checked against its hash.
 * Changes are kept in memory and folded into the tries when {@link #stateRoot()} is asked for.
 * Anything the witness lacks is a {@link MissingWitnessException} naming the hash.
 */
public final class WitnessWorldState implements WorldState {
  private final Map<Hash, byte[]> witness;
  private final TrieNodeSource nodes;
  private final MerklePatriciaTrie accounts;
  private final Map<Address, Entry> entries = new HashMap<>();
  private final Map<Hash, byte[]> newCode = new HashMap<>();

  /** One account as this state knows it: absent ({@code state == null}) or present. */
  private static final class Entry {
    AccountState state;
    Hash storageRoot;
    MerklePatriciaTrie storage; // null until first needed
    boolean dirty;
  }

  /**
   * @param stateRoot the root of the state the witness proves (the parent block's)
   * @param witness preimages by their keccak256 hash (not copied: do not modify)
   */
  public WitnessWorldState(Hash stateRoot, Map<Hash, byte[]> witness) {
    this.witness = witness;
    this.nodes = TrieNodeSource.of(witness);
    this.accounts = MerklePatriciaTrie.fromSource(stateRoot, nodes);
  }

  private Entry entry(Address address) {
    Entry e = entries.get(address);
    if (e == null) {
      e = new Entry();
      Optional<byte[]> rlp = resolve(() -> accounts.get(Keccak256.hash(address.toArray())));
      if (rlp.isPresent()) {
        RlpReader f = RlpReader.of(rlp.get()).enterList();
        long nonce = f.readLong("nonce");
        org.apache.tuweni.units.bigints.UInt256 balance = f.readUInt256("balance");
        e.storageRoot = f.readHash();
        e.state = new AccountState(nonce, balance, f.readHash());
      } else {
        e.storageRoot = Hash.EMPTY_TRIE;
      }
      entries.put(address, e);
    }
    return e;
  }

  private MerklePatriciaTrie storageTrie(Entry e) {
    if (e.storage == null) {
      e.storage = MerklePatriciaTrie.fromSource(e.storageRoot, nodes);
    }
    return e.storage;
  }

  private static <T> T resolve(Supplier<T> trieOperation) {
    try {
      return trieOperation.get();
    } catch (MissingTrieNodeException m) {
      throw new MissingWitnessException("trie node", m.hash());
    }
  }

  @Override
  public Optional<AccountState> account(Address address) {
    return Optional.ofNullable(entry(address).state);
  }

  @Override
  public Word256 storage(Address address, Word256 key) {
    Entry e = entry(address);
    if (e.state == null) {
      return Word256.ZERO;
    }
    MerklePatriciaTrie trie = storageTrie(e);
    Optional<byte[]> rlp = resolve(() -> trie.get(Keccak256.hash(key.toBytes())));
    return rlp.map(v -> Word256.fromBytesPadded(RlpReader.of(v).readBytes())).orElse(Word256.ZERO);
  }

  @Override
  public boolean hasStorage(Address address) {
    Entry e = entry(address);
    return e.state != null && !storageTrie(e).isEmpty();
  }

  @Override
  public byte[] code(Hash codeHash) {
    if (codeHash.equals(Hash.EMPTY)) {
      return new byte[0];
    }
    byte[] c = newCode.get(codeHash);
    if (c == null) {
      c = witness.get(codeHash);
    }
    if (c == null) {
      throw new MissingWitnessException("code", codeHash);
    }
    return c;
  }

  @Override
  public void apply(List<AccountUpdate> updates) {
    for (AccountUpdate u : updates) {
      Entry e = entry(u.address());
      e.dirty = true;
      switch (u) {
        case AccountUpdate.Deleted d -> {
          e.state = null;
          e.storage = new MerklePatriciaTrie();
        }
        case AccountUpdate.Updated up -> {
          if (e.state == null || up.storageReset()) {
            e.storage = new MerklePatriciaTrie(); // a new account, or one whose storage is gone
          }
          e.state = up.state();
          up.code().ifPresent(c -> newCode.put(up.state().codeHash(), c));
          MerklePatriciaTrie trie = storageTrie(e);
          for (Map.Entry<Word256, Word256> w : up.storage().entrySet()) {
            byte[] key = Keccak256.hash(w.getKey().toBytes());
            byte[] value = trimmedRlp(w.getValue());
            resolve(
                () -> {
                  trie.put(key, value); // an empty value removes the slot
                  return null;
                });
          }
        }
      }
    }
  }

  private static byte[] trimmedRlp(Word256 value) {
    if (value.isZero()) {
      return new byte[0];
    }
    byte[] b = value.toBytes();
    int i = 0;
    while (b[i] == 0) {
      i++;
    }
    return RlpWriter.encodeBytes(java.util.Arrays.copyOfRange(b, i, b.length));
  }

  @Override
  public Hash stateRoot() {
    for (Map.Entry<Address, Entry> a : entries.entrySet()) {
      Entry e = a.getValue();
      if (!e.dirty) {
        continue;
      }
      byte[] key = Keccak256.hash(a.getKey().toArray());
      if (e.state == null) {
        resolve(
            () -> {
              accounts.remove(key);
              return null;
            });
      } else {
        e.storageRoot = resolve(() -> storageTrie(e).rootHash());
        byte[] value =
            new RlpWriter()
                .startList()
                .writeLong(e.state.nonce())
                .writeUInt256(e.state.balance())
                .writeHash(e.storageRoot)
                .writeHash(e.state.codeHash())
                .endList()
                .toByteArray();
        resolve(
            () -> {
              accounts.put(key, value);
              return null;
            });
      }
      e.dirty = false;
    }
    return resolve(accounts::rootHash);
  }

  @Override
  public Hash storageRoot(Address address) {
    Entry e = entry(address);
    return e.state == null ? Hash.EMPTY_TRIE : resolve(() -> storageTrie(e).rootHash());
  }
}
