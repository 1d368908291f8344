package io.opal.execution.store;

import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.trie.MerklePatriciaTrie;
import io.opal.primitives.trie.MissingTrieNodeException;
import io.opal.primitives.trie.TrieNodeSource;
import io.opal.storage.Column;
import io.opal.storage.KeyValueReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The state at any root whose trie nodes are at hand, read by walking the account trie and the
 * accounts' storage tries: past blocks from the database's {@code TRIE_NODES}, or stateless
 * execution from a witness (keccak256 → preimage). A node or code the source lacks is a {@link
 * MissingStateException} naming its hash.
 *
 * <p>Loaded nodes are memoized, so repeated reads are cheap; for the same reason an instance is for
 * one thread and one task (an RPC request, a block): create another for the next.
 */
public final class TrieStateReader implements StateView {
  private final Hash root;
  private final TrieNodeSource nodes;
  private final boolean verifyNodes;
  private final CodeSource codes;
  private final MerklePatriciaTrie accounts;
  private final HashMap<Hash, MerklePatriciaTrie> storageTries = new HashMap<>();
  private final String sourceName;

  private TrieStateReader(
      Hash root, TrieNodeSource nodes, boolean verifyNodes, CodeSource codes, String sourceName) {
    this.root = root;
    this.nodes = nodes;
    this.verifyNodes = verifyNodes;
    this.codes = codes;
    this.sourceName = sourceName;
    this.accounts = open(root);
  }

  /** The state at {@code root} in a database this node wrote (nodes are trusted, not re-hashed). */
  public static TrieStateReader ofDatabase(Hash root, KeyValueReader view) {
    return new TrieStateReader(root, databaseNodes(view), false, CodeSource.of(view), "database");
  }

  /**
   * The state at {@code root} in a witness: every trie node and code the execution touches, keyed
   * by keccak256. Every node and code is checked against its hash as it is loaded.
   */
  public static TrieStateReader ofWitness(Hash root, Map<Hash, byte[]> witness) {
    return new TrieStateReader(
        root, TrieNodeSource.of(witness), true, CodeSource.of(witness), "witness");
  }

  /** A state over any node and code source; {@code verifyNodes} re-hashes each loaded node. */
  public static TrieStateReader of(
      Hash root, TrieNodeSource nodes, boolean verifyNodes, CodeSource codes, String sourceName) {
    return new TrieStateReader(root, nodes, verifyNodes, codes, sourceName);
  }

  static TrieNodeSource databaseNodes(KeyValueReader view) {
    return hash -> view.get(Column.TRIE_NODES, hash.toArray());
  }

  public Hash root() {
    return root;
  }

  TrieNodeSource nodes() {
    return nodes;
  }

  boolean verifiesNodes() {
    return verifyNodes;
  }

  MerklePatriciaTrie open(Hash trieRoot) {
    return verifyNodes
        ? MerklePatriciaTrie.fromSource(trieRoot, nodes)
        : MerklePatriciaTrie.fromTrustedSource(trieRoot, nodes);
  }

  @Override
  public Optional<StoredAccount> storedAccount(Hash accountHash) {
    Optional<byte[]> leaf =
        guard(() -> accounts.get(accountHash.toArray()), () -> "account " + accountHash);
    if (leaf.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StoredAccount.decodeTrieValue(leaf.get()));
    } catch (DecodingException e) {
      throw new DecodingException(
          e.offset(), "state trie leaf of account " + accountHash + ": " + e.reason(), e);
    }
  }

  @Override
  public Word256 storageValue(Hash accountHash, StoredAccount account, Hash slotHash) {
    if (!account.hasStorage()) {
      return Word256.ZERO;
    }
    MerklePatriciaTrie trie = storageTrie(accountHash, account);
    Optional<byte[]> value =
        guard(
            () -> trie.get(slotHash.toArray()),
            () -> "storage slot " + slotHash + " of account " + accountHash);
    if (value.isEmpty()) {
      return Word256.ZERO;
    }
    try {
      return StateCodec.decodeValue(value.get());
    } catch (DecodingException e) {
      throw new DecodingException(
          e.offset(),
          "storage trie leaf " + slotHash + " of " + accountHash + ": " + e.reason(),
          e);
    }
  }

  @Override
  public void forEachSlot(Hash accountHash, StoredAccount account, SlotVisitor action) {
    if (!account.hasStorage()) {
      return;
    }
    MerklePatriciaTrie trie = storageTrie(accountHash, account);
    guard(
        () -> {
          trie.forEachEntry(
              (key, value) -> action.accept(Hash.wrap(key), StateCodec.decodeValue(value)));
          return null;
        },
        () -> "storage of account " + accountHash);
  }

  @Override
  public byte[] code(Hash codeHash) {
    if (codeHash.equals(Hash.EMPTY)) {
      return new byte[0];
    }
    return codes
        .code(codeHash)
        .orElseThrow(
            () -> new MissingStateException(MissingStateException.Kind.CODE, codeHash, sourceName));
  }

  /** The Merkle proof of an account (root first), for {@code eth_getProof}. */
  public List<byte[]> accountProof(Address address) {
    Hash accountHash = Hash.keccak(address.toArray());
    return guard(() -> accounts.proof(accountHash.toArray()), () -> "proof of " + address);
  }

  /** The Merkle proof of a storage slot of an account (empty for an account without storage). */
  public List<byte[]> storageProof(Address address, Word256 slot) {
    Hash accountHash = Hash.keccak(address.toArray());
    Optional<StoredAccount> account = storedAccount(accountHash);
    if (account.isEmpty() || !account.get().hasStorage()) {
      return List.of();
    }
    MerklePatriciaTrie trie = storageTrie(accountHash, account.get());
    Hash slotHash = StateCodec.slotHash(slot);
    return guard(() -> trie.proof(slotHash.toArray()), () -> "proof of " + address + "/" + slot);
  }

  private MerklePatriciaTrie storageTrie(Hash accountHash, StoredAccount account) {
    return storageTries.computeIfAbsent(accountHash, h -> open(account.storageRoot()));
  }

  /** Runs a trie operation, turning a missing node into a {@link MissingStateException}. */
  <T> T guard(Supplier<T> op, Supplier<String> what) {
    try {
      return op.get();
    } catch (MissingTrieNodeException e) {
      throw new MissingStateException(
          MissingStateException.Kind.TRIE_NODE,
          e.hash(),
          sourceName + ", reading " + what.get() + " at state root " + root);
    }
  }
}
