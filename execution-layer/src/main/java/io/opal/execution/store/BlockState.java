package io.opal.execution.store;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.Word256;
import io.opal.execution.state.WorldState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.trie.MerklePatriciaTrie;
import io.opal.primitives.trie.MissingTrieNodeException;
import io.opal.primitives.trie.TrieNodeSource;
import io.opal.storage.Column;
import io.opal.storage.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The world state of one block being executed: the parent's state ({@link StateView}) plus the
 * changes of the transactions applied so far, kept in memory until the block commits. The block
 * executor uses it as it would {@link io.opal.execution.state.InMemoryWorldState}: {@code
 * TransactionProcessor.apply(state, ...)} per transaction, then {@link #stateRoot()}.
 *
 * <p>The state root is computed incrementally: each call re-hashes only the accounts and slots
 * changed since the previous call, on tries loaded lazily (and memoized) from the parent's trie
 * nodes. {@link #writeTrieNodes} then hands the database only the nodes the block created, and
 * {@link #diff()} the flat-table changes with their previous values (see {@link StateDiff}).
 *
 * <p>Reads follow geth's semantics within a block where they matter: {@link #hasStorage} (the
 * EIP-7610 collision check) answers from the account's storage root as of the last root
 * computation, and an account wiped in this block has the empty root until then.
 *
 * <p>Not thread-safe: one block, one thread.
 */
public final class BlockState implements WorldState {
  private final StateView base;
  private final Hash parentRoot;
  private final TrieNodeSource nodes;
  private final boolean verifyNodes;
  private final String sourceName;
  private final boolean flatHead;
  private final HashMap<Address, Entry> entries = new HashMap<>();
  private final HashMap<Hash, byte[]> newCode = new HashMap<>();
  // Code not yet handed to a batch by writeTrieNodes (it may run more than once: staging).
  private final HashMap<Hash, byte[]> unwrittenCode = new HashMap<>();
  // keccak(slot) is needed for the flat read, the trie update and the diff: computed once.
  private final HashMap<Word256, Hash> slotHashes = new HashMap<>();
  private final ArrayList<Entry> dirty = new ArrayList<>();
  private MerklePatriciaTrie accountTrie;
  private Hash root;
  private StateDiff diff; // memo of diff(), dropped by the next write
  private byte[] encodedDiff; // memo of diff().encode(), likewise

  /** One account touched by the block: its state at the block's start and its changes. */
  static final class Entry {
    final Address address;
    final Hash accountHash;
    final Optional<StoredAccount> original;

    /** Whether a transaction changed the account; then {@link #current} is its state. */
    boolean modified;

    AccountState current; // null when deleted
    boolean wiped; // storage reset since the block started
    final HashMap<Word256, Word256> writes = new HashMap<>(); // since the last wipe
    final HashMap<Word256, Word256> originals = new HashMap<>(); // block-start values read

    // Root computation: slot writes not yet in the storage trie, and the trie itself.
    final HashMap<Word256, Word256> pendingTrieWrites = new HashMap<>();
    boolean trieWipePending;
    MerklePatriciaTrie storageTrie;
    Hash storageRoot;
    boolean dirty;

    Entry(Address address, Hash accountHash, Optional<StoredAccount> original) {
      this.address = address;
      this.accountHash = accountHash;
      this.original = original;
      this.storageRoot = original.map(StoredAccount::storageRoot).orElse(Hash.EMPTY_TRIE);
    }

    boolean exists() {
      return modified ? current != null : original.isPresent();
    }
  }

  /**
   * A block state over {@code base}, whose state root is {@code parentRoot} and whose trie nodes
   * come from {@code nodes} (re-hashed on load when {@code verifyNodes}).
   */
  public BlockState(
      StateView base,
      Hash parentRoot,
      TrieNodeSource nodes,
      boolean verifyNodes,
      String sourceName) {
    this(base, parentRoot, nodes, verifyNodes, sourceName, false);
  }

  BlockState(
      StateView base,
      Hash parentRoot,
      TrieNodeSource nodes,
      boolean verifyNodes,
      String sourceName,
      boolean flatHead) {
    this.flatHead = flatHead;
    this.base = base;
    this.parentRoot = parentRoot;
    this.nodes = nodes;
    this.verifyNodes = verifyNodes;
    this.sourceName = sourceName;
    this.root = parentRoot;
  }

  /**
   * Stateless execution: the state at {@code stateRoot} resolved entirely from a witness (keccak256
   * → preimage of every trie node and code the block touches). Anything the witness lacks is a
   * {@link MissingStateException} naming its hash.
   */
  public static BlockState stateless(Hash stateRoot, Map<Hash, byte[]> witness) {
    TrieStateReader reader = TrieStateReader.ofWitness(stateRoot, witness);
    return new BlockState(reader, stateRoot, reader.nodes(), true, "witness");
  }

  /** A state over a trie-backed view, reusing its node source for root computation. */
  public static BlockState over(TrieStateReader parent) {
    return new BlockState(parent, parent.root(), parent.nodes(), parent.verifiesNodes(), "trie");
  }

  /** An empty state (for genesis construction). */
  public static BlockState empty() {
    return over(
        TrieStateReader.of(
            Hash.EMPTY_TRIE, TrieNodeSource.NONE, false, h -> Optional.empty(), "empty state"));
  }

  public Hash parentRoot() {
    return parentRoot;
  }

  /**
   * Whether this state reads the database's flat tables (the head's state), so that committing it
   * moves the head.
   */
  public boolean isOnFlatHead() {
    return flatHead;
  }

  // ------------------------------------------------------------------------------ reads

  private Entry entry(Address address) {
    Entry e = entries.get(address);
    if (e == null) {
      Hash accountHash = Hash.keccak(address.toArray());
      e = new Entry(address, accountHash, base.storedAccount(accountHash));
      entries.put(address, e);
    }
    return e;
  }

  @Override
  public Optional<AccountState> account(Address address) {
    Entry e = entry(address);
    if (e.modified) {
      return Optional.ofNullable(e.current);
    }
    return e.original.map(StoredAccount::state);
  }

  @Override
  public Word256 storage(Address address, Word256 key) {
    Entry e = entry(address);
    if (e.modified && e.current == null) {
      return Word256.ZERO;
    }
    Word256 written = e.writes.get(key);
    if (written != null) {
      return written;
    }
    return e.wiped ? Word256.ZERO : originalSlot(e, key);
  }

  Hash slotHash(Word256 slot) {
    Hash h = slotHashes.get(slot);
    if (h == null) {
      h = StateCodec.slotHash(slot);
      slotHashes.put(slot, h);
    }
    return h;
  }

  /** The slot's value when the block started (cached, so a diff needs no second read). */
  Word256 originalSlot(Entry e, Word256 key) {
    Word256 v = e.originals.get(key);
    if (v == null) {
      StoredAccount a = e.original.orElse(null);
      v =
          a == null || !a.hasStorage()
              ? Word256.ZERO
              : base.storageValue(e.accountHash, a, slotHash(key));
      e.originals.put(key, v);
    }
    return v;
  }

  @Override
  public boolean hasStorage(Address address) {
    Entry e = entry(address);
    return e.exists() && !e.storageRoot.equals(Hash.EMPTY_TRIE);
  }

  @Override
  public byte[] code(Hash codeHash) {
    byte[] c = newCode.get(codeHash);
    return c != null ? c : base.code(codeHash);
  }

  // ----------------------------------------------------------------------------- writes

  @Override
  public void apply(List<AccountUpdate> updates) {
    for (AccountUpdate u : updates) {
      Entry e = entry(u.address());
      e.modified = true;
      switch (u) {
        case AccountUpdate.Deleted d -> {
          e.current = null;
          wipe(e);
        }
        case AccountUpdate.Updated up -> {
          e.current = up.state();
          up.code().ifPresent(c -> addCode(up.state().codeHash(), c));
          if (up.storageReset()) {
            wipe(e);
          }
          for (Map.Entry<Word256, Word256> w : up.storage().entrySet()) {
            e.writes.put(w.getKey(), w.getValue());
            e.pendingTrieWrites.put(w.getKey(), w.getValue());
          }
        }
      }
      markDirty(e);
    }
  }

  private void addCode(Hash codeHash, byte[] code) {
    if (code.length > 0 && newCode.put(codeHash, code) == null) {
      unwrittenCode.put(codeHash, code);
    }
  }

  private static void wipe(Entry e) {
    e.wiped = true;
    e.writes.clear();
    e.pendingTrieWrites.clear();
    e.trieWipePending = true;
    e.storageRoot = Hash.EMPTY_TRIE;
  }

  private void markDirty(Entry e) {
    if (!e.dirty) {
      e.dirty = true;
      dirty.add(e);
    }
    root = null;
    diff = null;
    encodedDiff = null;
  }

  // ------------------------------------------------------------------------------ roots

  @Override
  public Hash stateRoot() {
    if (root != null) {
      return root;
    }
    MerklePatriciaTrie trie = accountTrie();
    for (Entry e : dirty) {
      e.dirty = false;
      if (e.current == null) {
        // Deleted: its storage trie starts empty if the account is created again (wipe() set
        // trieWipePending), and no node of it is written.
        e.pendingTrieWrites.clear();
        guard(() -> trie.remove(e.accountHash.toArray()), "account " + e.address);
      } else {
        Hash storageRoot = updateStorageTrie(e);
        byte[] leaf = StoredAccount.of(e.current, storageRoot).encodeForTrie();
        guard(() -> trie.put(e.accountHash.toArray(), leaf), "account " + e.address);
      }
    }
    dirty.clear();
    root = trie.rootHash();
    return root;
  }

  /**
   * The storage root of {@code address} with every change applied so far (the Isthmus header's
   * withdrawalsRoot is the L2ToL1MessagePasser's); {@link Hash#EMPTY_TRIE} for no account.
   */
  @Override
  public Hash storageRoot(Address address) {
    Entry e = entry(address);
    if (!e.exists()) {
      return Hash.EMPTY_TRIE;
    }
    return e.dirty ? updateStorageTrie(e) : e.storageRoot;
  }

  private MerklePatriciaTrie accountTrie() {
    if (accountTrie == null) {
      accountTrie = open(parentRoot);
    }
    return accountTrie;
  }

  private MerklePatriciaTrie open(Hash trieRoot) {
    return verifyNodes
        ? MerklePatriciaTrie.fromSource(trieRoot, nodes)
        : MerklePatriciaTrie.fromTrustedSource(trieRoot, nodes);
  }

  private Hash updateStorageTrie(Entry e) {
    if (e.trieWipePending) {
      e.storageTrie = new MerklePatriciaTrie();
      e.trieWipePending = false;
    }
    if (e.pendingTrieWrites.isEmpty()) {
      return e.storageRoot;
    }
    if (e.storageTrie == null) {
      e.storageTrie = open(e.original.map(StoredAccount::storageRoot).orElse(Hash.EMPTY_TRIE));
    }
    MerklePatriciaTrie trie = e.storageTrie;
    guard(
        () -> {
          for (Map.Entry<Word256, Word256> w : e.pendingTrieWrites.entrySet()) {
            byte[] key = slotHash(w.getKey()).toArray();
            if (w.getValue().isZero()) {
              trie.remove(key);
            } else {
              trie.put(key, StateCodec.encodeValue(w.getValue()));
            }
          }
        },
        "storage of account " + e.address);
    e.pendingTrieWrites.clear();
    e.storageRoot = trie.rootHash();
    return e.storageRoot;
  }

  private void guard(Runnable op, String what) {
    try {
      op.run();
    } catch (MissingTrieNodeException ex) {
      throw new MissingStateException(
          MissingStateException.Kind.TRIE_NODE,
          ex.hash(),
          sourceName + ", updating " + what + " on state root " + parentRoot);
    }
  }

  // ---------------------------------------------------------------------------- results

  /**
   * Writes every trie node this block created (and contract code it deployed) into {@code batch}:
   * the nodes that make {@link #stateRoot()} loadable from a database holding the parent's. Returns
   * the number of trie nodes written.
   *
   * <p>Nodes and code handed to an earlier call are not written again (the tries mark committed
   * nodes stored), so a builder can stage what it has so far while it idles and leave sealing only
   * the nodes created since: the batches together make the final root loadable.
   */
  public int writeTrieNodes(WriteBatch batch) {
    stateRoot();
    BiConsumer<Hash, byte[]> sink = (h, rlp) -> batch.put(Column.TRIE_NODES, h.toArray(), rlp);
    int count = 0;
    for (Entry e : entries.values()) {
      if (e.storageTrie != null && e.current != null) {
        count += e.storageTrie.commit(sink);
      }
    }
    if (accountTrie != null) {
      count += accountTrie.commit(sink);
    }
    for (Map.Entry<Hash, byte[]> c : unwrittenCode.entrySet()) {
      batch.put(Column.CODE, c.getKey().toArray(), c.getValue());
    }
    unwrittenCode.clear();
    return count;
  }

  /** Every node and code the block created, as (keccak256, preimage), for tests and witnesses. */
  public void forEachNewNode(BiConsumer<Hash, byte[]> sink) {
    stateRoot();
    for (Entry e : entries.values()) {
      if (e.storageTrie != null && e.current != null) {
        e.storageTrie.forEachNode(sink);
      }
    }
    if (accountTrie != null) {
      accountTrie.forEachNode(sink);
    }
  }

  /**
   * The Merkle proof of {@code address} in the current state trie (root first, as {@code
   * eth_getProof} returns it).
   */
  public List<byte[]> accountProof(Address address) {
    stateRoot();
    MerklePatriciaTrie trie = accountTrie();
    List<List<byte[]>> out = new ArrayList<>(1);
    guard(
        () -> out.add(trie.proof(Hash.keccak(address.toArray()).toArray())), "proof of " + address);
    return out.get(0);
  }

  /**
   * The block's flat-state changes with their previous values (computes the root first). Memoized
   * until the next write, so a builder can compute it while it idles and sealing reuses it.
   */
  public StateDiff diff() {
    Hash after = stateRoot();
    if (diff == null) {
      diff =
          DiffBuilder.build(
              base, parentRoot, after, entries.values(), this::originalSlot, this::slotHash);
    }
    return diff;
  }

  /** {@link #diff()} encoded for the history column, memoized likewise. */
  byte[] encodedDiff() {
    StateDiff d = diff();
    if (encodedDiff == null) {
      encodedDiff = d.encode();
    }
    return encodedDiff;
  }

  /** Codes deployed by the block, by hash. */
  Map<Hash, byte[]> newCode() {
    return newCode;
  }

  /** The number of accounts read or written so far. */
  public int touchedAccounts() {
    return entries.size();
  }
}
