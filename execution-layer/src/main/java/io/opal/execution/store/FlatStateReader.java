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
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The head state read from the flat {@code ACCOUNTS}, {@code STORAGE} and {@code CODE} columns: one
 * key-value lookup per account or slot, no trie walk, after a look at the {@link HeadLayers} of the
 * newest blocks that the flat tables do not hold yet (usually one block, kept in memory). Valid
 * only for the unsafe head's state. Reads from a {@link io.opal.storage.Snapshot} with the layers
 * taken with it ({@link ChainDatabase#view()}) are consistent with each other; reads from the live
 * store may straddle a block commit.
 *
 * <p>Thread-safe (it holds no state of its own).
 */
public final class FlatStateReader implements StateView {
  private final KeyValueReader view;
  private final Supplier<HeadLayers> layers;

  /**
   * Reads {@code view}'s flat tables under the layers {@code layers} supplies at each read (the
   * current ones for a live reader, fixed ones for a snapshot's or a block's).
   */
  FlatStateReader(KeyValueReader view, Supplier<HeadLayers> layers) {
    this.view = view;
    this.layers = layers;
  }

  @Override
  public Optional<StoredAccount> storedAccount(Hash accountHash) {
    Optional<byte[]> raw = layers.get().account(accountHash);
    if (raw == null) {
      raw = view.get(Column.ACCOUNTS, accountHash.toArray());
    }
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
    Optional<byte[]> raw = layers.get().slot(accountHash, slotHash);
    if (raw == null) {
      raw = view.get(Column.STORAGE, Schema.storageKey(accountHash, slotHash));
    }
    if (raw.isEmpty()) {
      return Word256.ZERO;
    }
    return decodeSlot(accountHash, slotHash, raw.get());
  }

  @Override
  public void forEachSlot(Hash accountHash, StoredAccount account, SlotVisitor action) {
    HeadLayers over = layers.get();
    if (!over.touchesStorageOf(accountHash)) {
      forEachFlatSlot(
          accountHash, (slot, raw) -> action.accept(slot, decodeSlot(accountHash, slot, raw)));
      return;
    }
    LinkedHashMap<Hash, byte[]> slots = new LinkedHashMap<>();
    forEachFlatSlot(accountHash, slots::put);
    over.forEachSlotChange(
        accountHash,
        (slot, after) -> {
          if (after.isPresent()) {
            slots.put(slot, after.get());
          } else {
            slots.remove(slot);
          }
        });
    slots.forEach((slot, raw) -> action.accept(slot, decodeSlot(accountHash, slot, raw)));
  }

  private void forEachFlatSlot(Hash accountHash, BiConsumer<Hash, byte[]> action) {
    try (KeyValueIterator it = view.iterator(Column.STORAGE, Schema.storageOf(accountHash))) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        action.accept(Hash.wrap(Arrays.copyOfRange(kv.key(), 32, 64)), kv.value());
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
