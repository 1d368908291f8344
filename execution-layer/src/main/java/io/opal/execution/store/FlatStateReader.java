package io.opal.execution.store;

import io.opal.execution.state.Word256;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.storage.Column;
import io.opal.storage.KeyValue;
import io.opal.storage.KeyValueIterator;
import io.opal.storage.KeyValueReader;
import io.opal.storage.Schema;
import io.opal.storage.StorageException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The head state read from the flat {@code ACCOUNTS}, {@code STORAGE} and {@code CODE} columns: one
 * key-value lookup per account or slot, no trie walk. Valid only for the state the flat tables
 * hold, which is always the unsafe head's (the chain database commits them together). Reads from a
 * {@link io.opal.storage.Snapshot} are consistent with each other; reads from the live store may
 * straddle a block commit.
 *
 * <p>Thread-safe (it holds no state of its own).
 */
public final class FlatStateReader implements StateView {
  private final KeyValueReader view;

  public FlatStateReader(KeyValueReader view) {
    this.view = view;
  }

  @Override
  public Optional<StoredAccount> storedAccount(Hash accountHash) {
    Optional<byte[]> raw = view.get(Column.ACCOUNTS, accountHash.toArray());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StoredAccount.decodeSlim(raw.get()));
    } catch (DecodingException e) {
      throw corrupt("flat account " + accountHash, raw.get(), e);
    }
  }

  @Override
  public Word256 storageValue(Hash accountHash, StoredAccount account, Hash slotHash) {
    Optional<byte[]> raw = view.get(Column.STORAGE, Schema.storageKey(accountHash, slotHash));
    if (raw.isEmpty()) {
      return Word256.ZERO;
    }
    return decodeSlot(accountHash, slotHash, raw.get());
  }

  @Override
  public void forEachSlot(Hash accountHash, StoredAccount account, SlotVisitor action) {
    try (KeyValueIterator it = view.iterator(Column.STORAGE, Schema.storageOf(accountHash))) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        Hash slotHash = Hash.wrap(Arrays.copyOfRange(kv.key(), 32, 64));
        action.accept(slotHash, decodeSlot(accountHash, slotHash, kv.value()));
      }
    }
  }

  @Override
  public byte[] code(Hash codeHash) {
    if (codeHash.equals(Hash.EMPTY)) {
      return new byte[0];
    }
    return view.get(Column.CODE, codeHash.toArray())
        .orElseThrow(
            () -> new MissingStateException(MissingStateException.Kind.CODE, codeHash, "database"));
  }

  private static Word256 decodeSlot(Hash accountHash, Hash slotHash, byte[] raw) {
    try {
      return StateCodec.decodeValue(raw);
    } catch (DecodingException e) {
      throw corrupt("flat storage slot " + accountHash + "/" + slotHash, raw, e);
    }
  }

  static StorageException corrupt(String what, byte[] raw, Exception cause) {
    return new StorageException(
        StorageException.Kind.CORRUPT,
        "corrupt database: " + what + " holds " + Hex.encode(raw) + ": " + cause.getMessage(),
        cause);
  }
}
