package io.opal.execution.store;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.storage.Column;
import io.opal.storage.KeyRange;
import io.opal.storage.Schema;
import io.opal.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one block changed in the flat state, with the values before and after: enough to move the
 * flat tables from the parent's state to the block's ({@link #applyForward}) or back ({@link
 * #applyBackward}) without executing anything. Stored in {@code STATE_HISTORY} under the block's
 * key for the most recent blocks, so the unsafe chain can be rewound (and, for blocks executed off
 * the head, rolled forward) by a bounded depth.
 *
 * <p>Values are the flat columns' bytes: slim accounts ({@link StoredAccount#encodeSlim}) and
 * stored slot values ({@link StateCodec#encodeValue}); empty means absent. An account whose storage
 * the block wiped is listed in {@link #wipedAccounts}, and every slot it held before is listed
 * among the slot changes, so going backward restores them one by one.
 *
 * @param parentStateRoot the state root before the block
 * @param stateRoot the state root after it
 */
public record StateDiff(
    Hash parentStateRoot,
    Hash stateRoot,
    List<AccountChange> accounts,
    List<Hash> wipedAccounts,
    List<SlotChange> slots) {
  private static final long VERSION = 1;

  public StateDiff {
    Objects.requireNonNull(parentStateRoot, "parentStateRoot");
    Objects.requireNonNull(stateRoot, "stateRoot");
    accounts = List.copyOf(accounts);
    wipedAccounts = List.copyOf(wipedAccounts);
    slots = List.copyOf(slots);
  }

  /** One account's flat entry before and after the block (empty: no account). */
  public record AccountChange(Hash accountHash, Optional<byte[]> before, Optional<byte[]> after) {}

  /** One storage slot's flat entry before and after the block (empty: zero). */
  public record SlotChange(
      Hash accountHash, Hash slotHash, Optional<byte[]> before, Optional<byte[]> after) {}

  /** Writes the block's changes to the flat tables, which must hold the parent's state. */
  public void applyForward(WriteBatch batch) {
    for (Hash wiped : wipedAccounts) {
      KeyRange range = Schema.storageOf(wiped);
      batch.deleteRange(Column.STORAGE, range.start(), range.end().orElseThrow());
    }
    for (AccountChange a : accounts) {
      write(batch, Column.ACCOUNTS, a.accountHash().toArray(), a.after());
    }
    for (SlotChange s : slots) {
      write(batch, Column.STORAGE, Schema.storageKey(s.accountHash(), s.slotHash()), s.after());
    }
  }

  /** Restores the parent's state in the flat tables, which must hold the block's state. */
  public void applyBackward(WriteBatch batch) {
    for (AccountChange a : accounts) {
      write(batch, Column.ACCOUNTS, a.accountHash().toArray(), a.before());
    }
    for (SlotChange s : slots) {
      write(batch, Column.STORAGE, Schema.storageKey(s.accountHash(), s.slotHash()), s.before());
    }
  }

  /** Puts {@code value} under {@code key}, or deletes the key when it is empty (absent). */
  static void write(WriteBatch batch, Column column, byte[] key, Optional<byte[]> value) {
    if (value.isPresent()) {
      batch.put(column, key, value.get());
    } else {
      batch.delete(column, key);
    }
  }

  public byte[] encode() {
    RlpWriter w = new RlpWriter(256 + 120 * accounts.size() + 100 * slots.size());
    w.startList().writeLong(VERSION).writeHash(parentStateRoot).writeHash(stateRoot);
    w.startList();
    for (AccountChange a : accounts) {
      w.startList().writeHash(a.accountHash());
      writeOptional(w, a.before());
      writeOptional(w, a.after());
      w.endList();
    }
    w.endList().startList();
    for (Hash h : wipedAccounts) {
      w.writeHash(h);
    }
    w.endList().startList();
    for (SlotChange s : slots) {
      w.startList().writeHash(s.accountHash()).writeHash(s.slotHash());
      writeOptional(w, s.before());
      writeOptional(w, s.after());
      w.endList();
    }
    return w.endList().endList().toByteArray();
  }

  private static void writeOptional(RlpWriter w, Optional<byte[]> value) {
    w.writeBytes(value.orElse(new byte[0]));
  }

  /** Decodes {@link #encode()}'s form; only {@link DecodingException} escapes. */
  public static StateDiff decode(byte[] rlp) {
    RlpReader top = RlpReader.of(rlp);
    RlpReader f = top.enterList();
    int at = f.position();
    long version = f.readLong("state diff version");
    if (version != VERSION) {
      throw new DecodingException(at, "unknown state diff version " + version);
    }
    Hash parentRoot = f.readHash();
    Hash root = f.readHash();
    List<AccountChange> accounts = new ArrayList<>();
    RlpReader al = f.enterList();
    while (al.hasNext()) {
      RlpReader a = al.enterList();
      accounts.add(new AccountChange(a.readHash(), readOptional(a), readOptional(a)));
      a.finish();
    }
    List<Hash> wiped = new ArrayList<>();
    RlpReader wl = f.enterList();
    while (wl.hasNext()) {
      wiped.add(wl.readHash());
    }
    List<SlotChange> slots = new ArrayList<>();
    RlpReader sl = f.enterList();
    while (sl.hasNext()) {
      RlpReader s = sl.enterList();
      slots.add(new SlotChange(s.readHash(), s.readHash(), readOptional(s), readOptional(s)));
      s.finish();
    }
    f.finish();
    top.finish();
    return new StateDiff(parentRoot, root, accounts, wiped, slots);
  }

  private static Optional<byte[]> readOptional(RlpReader r) {
    byte[] b = r.readBytes();
    return b.length == 0 ? Optional.empty() : Optional.of(b);
  }
}
