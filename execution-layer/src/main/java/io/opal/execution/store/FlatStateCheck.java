package io.opal.execution.store;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.trie.MerklePatriciaTrie;
import io.opal.storage.Column;
import io.opal.storage.KeyRange;
import io.opal.storage.KeyValue;
import io.opal.storage.KeyValueIterator;
import io.opal.storage.KeyValueReader;
import io.opal.storage.Schema;
import java.util.Arrays;

/**
 * Recomputes the state root from the flat tables alone (every account and every slot, no trie node
 * read), checking on the way that each account's stored storage root is the root of its flat slots.
 * Equal to the head header's state root exactly when the flat state is whole and current: a check
 * after a crash, or of a database of unknown health. Linear in the state size.
 */
public final class FlatStateCheck {
  private FlatStateCheck() {}

  /**
   * The state root of the flat tables of {@code view}.
   *
   * @throws IllegalStateException naming the first account whose slots disagree with its root
   */
  public static Hash root(KeyValueReader view) {
    MerklePatriciaTrie accounts = new MerklePatriciaTrie();
    try (KeyValueIterator it = view.iterator(Column.ACCOUNTS, KeyRange.all())) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        StoredAccount account;
        try {
          account = StoredAccount.decodeSlim(kv.value());
        } catch (DecodingException e) {
          throw new IllegalStateException("flat account " + Hash.wrap(kv.key()) + " is corrupt", e);
        }
        Hash storageRoot = storageRoot(view, kv.key());
        if (!storageRoot.equals(account.storageRoot())) {
          throw new IllegalStateException(
              "account "
                  + Hash.wrap(kv.key())
                  + " names storage root "
                  + account.storageRoot()
                  + " but its flat slots have root "
                  + storageRoot);
        }
        accounts.put(kv.key(), account.encodeForTrie());
      }
    }
    return accounts.rootHash();
  }

  private static Hash storageRoot(KeyValueReader view, byte[] accountHash) {
    MerklePatriciaTrie slots = new MerklePatriciaTrie();
    try (KeyValueIterator it =
        view.iterator(Column.STORAGE, Schema.storageOf(Hash.wrap(accountHash)))) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        slots.put(Arrays.copyOfRange(kv.key(), 32, 64), kv.value());
      }
    }
    return slots.rootHash();
  }
}
