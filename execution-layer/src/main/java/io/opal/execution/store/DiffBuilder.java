package io.opal.execution.store;

import io.opal.execution.state.Word256;
import io.opal.execution.store.BlockState.Entry;
import io.opal.execution.store.StateDiff.AccountChange;
import io.opal.execution.store.StateDiff.SlotChange;
import io.opal.primitives.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Turns a {@link BlockState}'s touched accounts into a {@link StateDiff}. */
final class DiffBuilder {
  private DiffBuilder() {}

  static StateDiff build(
      StateView base,
      Hash parentRoot,
      Hash root,
      Collection<Entry> entries,
      BiFunction<Entry, Word256, Word256> originalSlot,
      Function<Word256, Hash> slotHash) {
    List<AccountChange> accounts = new ArrayList<>();
    List<Hash> wiped = new ArrayList<>();
    List<SlotChange> slots = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.modified) {
        continue;
      }
      Optional<byte[]> before = e.original.map(StoredAccount::encodeSlim);
      Optional<byte[]> after =
          e.current == null
              ? Optional.empty()
              : Optional.of(StoredAccount.of(e.current, e.storageRoot).encodeSlim());
      if (!sameValue(before, after)) {
        accounts.add(new AccountChange(e.accountHash, before, after));
      }
      if (e.wiped) {
        addWiped(base, e, wiped, slots, slotHash);
      } else {
        for (Map.Entry<Word256, Word256> w : e.writes.entrySet()) {
          Optional<byte[]> was = stored(originalSlot.apply(e, w.getKey()));
          add(slots, e.accountHash, slotHash.apply(w.getKey()), was, stored(w.getValue()));
        }
      }
    }
    return new StateDiff(parentRoot, root, accounts, wiped, slots);
  }

  /**
   * A wiped account: every slot it held is listed (so going back restores them) and its range is
   * deleted going forward; then the slots written after the wipe.
   */
  private static void addWiped(
      StateView base,
      Entry e,
      List<Hash> wiped,
      List<SlotChange> slots,
      Function<Word256, Hash> slotHash) {
    HashMap<Hash, Word256> old = new HashMap<>();
    StoredAccount original = e.original.orElse(null);
    if (original != null && original.hasStorage()) {
      wiped.add(e.accountHash);
      base.forEachSlot(e.accountHash, original, old::put);
    }
    for (Map.Entry<Word256, Word256> w : e.writes.entrySet()) {
      Hash h = slotHash.apply(w.getKey());
      Word256 was = old.remove(h);
      add(slots, e.accountHash, h, stored(was), stored(w.getValue()));
    }
    for (Map.Entry<Hash, Word256> o : old.entrySet()) {
      add(slots, e.accountHash, o.getKey(), stored(o.getValue()), Optional.empty());
    }
  }

  private static void add(
      List<SlotChange> slots,
      Hash accountHash,
      Hash slotHash,
      Optional<byte[]> before,
      Optional<byte[]> after) {
    if (!sameValue(before, after)) {
      slots.add(new SlotChange(accountHash, slotHash, before, after));
    }
  }

  private static Optional<byte[]> stored(Word256 value) {
    return value == null || value.isZero()
        ? Optional.empty()
        : Optional.of(StateCodec.encodeValue(value));
  }

  private static boolean sameValue(Optional<byte[]> a, Optional<byte[]> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
  }
}
