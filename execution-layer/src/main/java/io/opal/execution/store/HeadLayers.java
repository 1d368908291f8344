package io.opal.execution.store;

import io.opal.execution.store.StateDiff.AccountChange;
import io.opal.execution.store.StateDiff.SlotChange;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.BlockKey;
import io.opal.storage.Column;
import io.opal.storage.KeyRange;
import io.opal.storage.Schema;
import io.opal.storage.TxLocation;
import io.opal.storage.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What the newest committed head blocks add to the two tables derived from them, the flat state
 * ({@code ACCOUNTS}/{@code STORAGE}) and the transaction lookups ({@code TX_LOOKUP}), while those
 * tables do not hold it yet: one layer per block, with its {@link StateDiff}'s "after" values by
 * key and its transactions' positions by hash. The tables hold everything up to an ancestor of the
 * unsafe head (recorded in {@code MetaKey.INDEXED_HEAD}); these layers on top of them give the
 * head's. A block's commit stays one atomic write of block, diff, canonical index and heads: the
 * diff and the body <em>are</em> its state change and its transactions, and the two tables are
 * indexes of them that {@link ChainDatabase} brings up to date later ({@link #write}), off the
 * sealing path, and on open after a crash. Each key written there would cost the seal a memtable
 * insert (1–3 µs at a random place in a large skiplist), hundreds per block.
 *
 * <p>Immutable; a new block makes a new instance ({@link #with}).
 */
final class HeadLayers {
  static final HeadLayers EMPTY = new HeadLayers(List.of());

  /** A storage slot's flat key. */
  record SlotKey(Hash account, Hash slot) {}

  /**
   * One block's changes: its diff and body, indexed by key on first use (a read, or the write), so
   * that the commit that creates the layer pays nothing for it. Thread-safe.
   */
  static final class Layer {
    private final BlockKey block;
    private final StateDiff diff;
    private final BlockBody body;
    private volatile Index index;

    Layer(BlockKey block, StateDiff diff, BlockBody body) {
      this.block = block;
      this.diff = diff;
      this.body = body;
    }

    BlockKey block() {
      return block;
    }

    StateDiff diff() {
      return diff;
    }

    private Index index() {
      Index i = index;
      if (i == null) {
        synchronized (this) {
          i = index;
          if (i == null) {
            i = Index.of(diff, body);
            index = i;
          }
        }
      }
      return i;
    }
  }

  /**
   * A layer's values by key: state values after the block, empty meaning absent (no account, a zero
   * slot), and its transactions' hashes in block order and their positions.
   */
  private record Index(
      Map<Hash, Optional<byte[]>> accounts,
      Map<SlotKey, Optional<byte[]>> slots,
      Map<Hash, List<SlotChange>> slotsByAccount,
      List<Hash> transactions,
      Map<Hash, Integer> positions) {

    static Index of(StateDiff diff, BlockBody body) {
      HashMap<Hash, Optional<byte[]>> accounts = HashMap.newHashMap(diff.accounts().size());
      for (AccountChange a : diff.accounts()) {
        accounts.put(a.accountHash(), a.after());
      }
      HashMap<SlotKey, Optional<byte[]>> slots = HashMap.newHashMap(diff.slots().size());
      HashMap<Hash, List<SlotChange>> byAccount = new HashMap<>();
      for (SlotChange s : diff.slots()) {
        slots.put(new SlotKey(s.accountHash(), s.slotHash()), s.after());
        byAccount.computeIfAbsent(s.accountHash(), k -> new ArrayList<>()).add(s);
      }
      List<Transaction> txs = body.transactions();
      List<Hash> hashes = new ArrayList<>(txs.size());
      HashMap<Hash, Integer> positions = HashMap.newHashMap(txs.size());
      for (int i = 0; i < txs.size(); i++) {
        Hash h = txs.get(i).hash(); // re-encodes and hashes: why the index waits for a reader
        hashes.add(h);
        positions.put(h, i);
      }
      return new Index(accounts, slots, byAccount, List.copyOf(hashes), positions);
    }
  }

  private final List<Layer> oldestFirst;

  private HeadLayers(List<Layer> oldestFirst) {
    this.oldestFirst = oldestFirst;
  }

  /** These layers and {@code layer} (a child of the newest) on top. */
  HeadLayers with(Layer layer) {
    List<Layer> next = new ArrayList<>(oldestFirst.size() + 1);
    next.addAll(oldestFirst);
    next.add(layer);
    return new HeadLayers(List.copyOf(next));
  }

  int size() {
    return oldestFirst.size();
  }

  boolean isEmpty() {
    return oldestFirst.isEmpty();
  }

  /** The block whose state these layers lead to. */
  BlockKey newest() {
    return oldestFirst.getLast().block();
  }

  /**
   * The account's flat value after the newest layer that changed it, or {@code null} when no layer
   * did (then the flat table's value is current).
   */
  Optional<byte[]> account(Hash accountHash) {
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      Optional<byte[]> v = oldestFirst.get(i).index().accounts().get(accountHash);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Likewise for a storage slot (a wipe lists every slot it cleared, so it needs no case). */
  Optional<byte[]> slot(Hash accountHash, Hash slotHash) {
    if (oldestFirst.isEmpty()) {
      return null;
    }
    SlotKey key = new SlotKey(accountHash, slotHash);
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      Optional<byte[]> v = oldestFirst.get(i).index().slots().get(key);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Where a transaction of one of the layers' blocks is, or empty. */
  Optional<TxLocation> txLocation(Hash txHash) {
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      Layer l = oldestFirst.get(i);
      Integer index = l.index().positions().get(txHash);
      if (index != null) {
        return Optional.of(new TxLocation(l.block().number(), l.block().hash(), index));
      }
    }
    return Optional.empty();
  }

  /** Whether any layer changed a slot of the account. */
  boolean touchesStorageOf(Hash accountHash) {
    for (Layer l : oldestFirst) {
      if (l.index().slotsByAccount().containsKey(accountHash)) {
        return true;
      }
    }
    return false;
  }

  /** Hands the account's slot changes to {@code action}, oldest block first, as (slot, after). */
  void forEachSlotChange(Hash accountHash, BiConsumer<Hash, Optional<byte[]>> action) {
    for (Layer l : oldestFirst) {
      for (SlotChange s : l.index().slotsByAccount().getOrDefault(accountHash, List.of())) {
        action.accept(s.slotHash(), s.after());
      }
    }
  }

  /**
   * Adds to {@code batch} the writes that move flat tables holding the state below the oldest layer
   * to the newest layer's state, and the lookups of the layers' transactions. Keys changed by
   * several layers are written once, with their last value: the storage wipes (range deletes) go
   * first, then the surviving account and slot values. Returns the number of operations added.
   */
  int write(WriteBatch batch) {
    LinkedHashSet<Hash> wiped = new LinkedHashSet<>();
    LinkedHashMap<Hash, Optional<byte[]>> accounts = new LinkedHashMap<>();
    LinkedHashMap<SlotKey, Optional<byte[]>> slots = new LinkedHashMap<>();
    for (Layer l : oldestFirst) {
      for (Hash w : l.diff().wipedAccounts()) {
        wiped.add(w);
        // Earlier layers' values of its slots are gone with the wipe; the diff lists every slot
        // the account held (as cleared), so dropping them here loses nothing.
        slots.keySet().removeIf(k -> k.account().equals(w));
      }
      accounts.putAll(l.index().accounts());
      slots.putAll(l.index().slots());
    }
    int count = 0;
    for (Hash w : wiped) {
      KeyRange range = Schema.storageOf(w);
      batch.deleteRange(Column.STORAGE, range.start(), range.end().orElseThrow());
      count++;
    }
    for (Map.Entry<Hash, Optional<byte[]>> a : accounts.entrySet()) {
      StateDiff.write(batch, Column.ACCOUNTS, a.getKey().toArray(), a.getValue());
      count++;
    }
    for (Map.Entry<SlotKey, Optional<byte[]>> s : slots.entrySet()) {
      byte[] key = Schema.storageKey(s.getKey().account(), s.getKey().slot());
      StateDiff.write(batch, Column.STORAGE, key, s.getValue());
      count++;
    }
    for (Layer l : oldestFirst) {
      List<Hash> txs = l.index().transactions();
      for (int i = 0; i < txs.size(); i++) {
        ChainStore.putTxLookup(batch, txs.get(i), l.block().number(), i);
        count++;
      }
    }
    return count;
  }
}
