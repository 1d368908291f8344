package io.opal.primitives.trie;

import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import java.util.Optional;

/**
 * A trie whose keys are keccak256 of the caller's keys: the account trie (keyed by address) and
 * storage tries (keyed by slot). Callers that already hold the hashed key use {@link #trie()}.
 */
public final class SecureTrie {
  private final MerklePatriciaTrie trie;

  public SecureTrie() {
    this(new MerklePatriciaTrie());
  }

  /** Wraps a trie whose keys are already hashed. */
  public SecureTrie(MerklePatriciaTrie trie) {
    this.trie = trie;
  }

  /** See {@link MerklePatriciaTrie#fromSource}. */
  public static SecureTrie fromSource(Hash rootHash, TrieNodeSource source) {
    return new SecureTrie(MerklePatriciaTrie.fromSource(rootHash, source));
  }

  /** The underlying trie, keyed by the hashed keys. */
  public MerklePatriciaTrie trie() {
    return trie;
  }

  public Optional<byte[]> get(byte[] key) {
    return trie.get(Keccak256.hash(key));
  }

  /** Sets the value of {@code key}; an empty value removes it. */
  public void put(byte[] key, byte[] value) {
    trie.put(Keccak256.hash(key), value);
  }

  public void remove(byte[] key) {
    trie.remove(Keccak256.hash(key));
  }

  public Hash rootHash() {
    return trie.rootHash();
  }

  public SecureTrie snapshot() {
    return new SecureTrie(trie.snapshot());
  }
}
