package io.opal.execution.store;

import io.opal.execution.state.Word256;
import io.opal.execution.store.BlockState.Entry;
import io.opal.primitives.Hash;
import io.opal.storage.Column;
import io.opal.storage.KeyRange;
import io.opal.storage.Schema;
import io.opal.storage.WriteBatch;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes one {@link BlockState} entry's pending flat-table changes into a batch (see {@link
 * BlockState#writeFlatChanges}). Within a batch the last operation on a key wins, so a key written
 * again later simply gets its newer value; a storage wipe is a range delete written before the
 * slots set after it.
 */
final class FlatStateWriter {
  private FlatStateWriter() {}

  static int write(WriteBatch batch, Entry e, boolean complete, Function<Word256, Hash> slotHash) {
    int count = 0;
    if (e.flatWipePending) {
      // Only what the flat table may hold: the parent's slots, or slots an earlier fill wrote.
      boolean parentHadStorage = e.original.map(StoredAccount::hasStorage).orElse(false);
      if (parentHadStorage || !e.flatSlotsWritten.isEmpty()) {
        KeyRange range = Schema.storageOf(e.accountHash);
        batch.deleteRange(Column.STORAGE, range.start(), range.end().orElseThrow());
        count++;
      }
      e.flatSlotsWritten.clear();
      e.flatWipePending = false;
    }
    for (Iterator<Word256> it = e.flatSlotsPending.iterator(); it.hasNext(); ) {
      Word256 slot = it.next();
      boolean writtenBefore = e.flatSlotsWritten.contains(slot);
      if (writtenBefore && !complete) {
        continue;
      }
      it.remove();
      Word256 value = e.writes.get(slot);
      if (!writtenBefore && !e.wiped && value.equals(e.originals.get(slot))) {
        continue; // back to the parent's value, which the flat table still holds
      }
      byte[] key = Schema.storageKey(e.accountHash, slotHash.apply(slot));
      if (value.isZero()) {
        batch.delete(Column.STORAGE, key);
      } else {
        batch.put(Column.STORAGE, key, StateCodec.encodeValue(value));
      }
      e.flatSlotsWritten.add(slot);
      count++;
    }
    if (e.flatAccountPending && (complete || !e.flatAccountWritten)) {
      e.flatAccountPending = false;
      Optional<byte[]> after =
          e.current == null
              ? Optional.empty()
              : Optional.of(StoredAccount.of(e.current, e.storageRoot).encodeSlim());
      if (e.flatAccountWritten || !sameAsParent(e, after)) {
        byte[] key = e.accountHash.toArray();
        if (after.isPresent()) {
          batch.put(Column.ACCOUNTS, key, after.get());
        } else {
          batch.delete(Column.ACCOUNTS, key);
        }
        e.flatAccountWritten = true;
        count++;
      }
    }
    return count;
  }

  static boolean hasPending(Entry e) {
    return e.flatAccountPending || e.flatWipePending || !e.flatSlotsPending.isEmpty();
  }

  private static boolean sameAsParent(Entry e, Optional<byte[]> after) {
    if (e.original.isEmpty() || after.isEmpty()) {
      return e.original.isEmpty() && after.isEmpty();
    }
    return Arrays.equals(e.original.get().encodeSlim(), after.get());
  }
}
