package io.opal.execution.state;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The state one transaction works on: accounts and slots loaded lazily from a {@link StateReader},
 * every change journaled so that a failing call frame can revert to its checkpoint, plus what lives
 * only for the transaction (transient storage, warm sets, logs, the refund counter, the created and
 * touched accounts). {@link #changes(boolean)} then gives the net effect to apply to the world.
 *
 * <p>"Touched" follows geth's dirty-account notion: any change to an account (even adding a zero
 * balance) touches it, reverting the change un-touches it, and at the end of the transaction
 * touched empty accounts are deleted from Spurious Dragon on (EIP-161).
 */
public final class JournaledState {
  private static final Address RIPEMD = Address.ofLong(3);

  private final StateReader backend;
  private final HashMap<Address, Account> accounts = new HashMap<>();
  private final ArrayList<JournalEntry> journal = new ArrayList<>();
  private final ArrayList<Log> logs = new ArrayList<>();
  private long refund;

  // Slots recently found by limbs (a slot stays in its account's map for the whole transaction).
  private static final int SLOT_CACHE_BITS = 6;
  private StorageSlot[] slotCache; // allocated on first use: many transactions touch no storage
  private Account[] slotCacheAccount;

  // Addresses and slots warmed (EIP-2929/2930/3651) before they were first loaded: they are
  // marked warm when they are, so warming alone reads nothing from the backend.
  private HashSet<Address> prewarmed;
  private HashMap<Address, HashSet<Word256>> prewarmedSlots;

  public JournaledState(StateReader backend) {
    this.backend = backend;
  }

  // ------------------------------------------------------------------ reads

  /** The account (loaded on first use); never null — check {@link Account#exists()}. */
  public Account account(Address address) {
    Account a = accounts.get(address);
    if (a == null) {
      a = load(address);
      accounts.put(address, a);
    }
    return a;
  }

  private Account load(Address address) {
    Account a = new Account(address);
    a.warm = prewarmed != null && prewarmed.contains(address);
    Optional<AccountState> stored = backend.account(address);
    if (stored.isPresent()) {
      AccountState s = stored.get();
      a.exists = true;
      a.nonce = s.nonce();
      a.balance = s.balance();
      a.codeHash = s.codeHash();
    }
    return a;
  }

  /** The account's code (loaded on first use). */
  public byte[] code(Account a) {
    byte[] c = a.code;
    if (c == null) {
      c = a.codeHash.equals(Hash.EMPTY) ? new byte[0] : backend.code(a.codeHash);
      a.code = c;
    }
    return c;
  }

  /** The slot (loaded on first use); its value is zero for an account whose storage was reset. */
  public StorageSlot slot(Account a, Word256 key) {
    HashMap<Word256, StorageSlot> map = a.storage;
    if (map == null) {
      map = new HashMap<>();
      a.storage = map;
    }
    StorageSlot s = map.get(key);
    if (s == null) {
      Word256 v = a.storageCleared || !a.exists ? Word256.ZERO : backend.storage(a.address, key);
      s = new StorageSlot(key, v);
      if (prewarmedSlots != null) {
        HashSet<Word256> keys = prewarmedSlots.get(a.address);
        s.warm = keys != null && keys.contains(key);
      }
      map.put(key, s);
    }
    return s;
  }

  /**
   * The slot whose key has the limbs {@code w0} (least significant) to {@code w3}: as {@link
   * #slot(Account, Word256)}, but found without building a key when a small direct-mapped cache of
   * recent slots holds it (the SLOAD-then-SSTORE of a read-modify-write, the same balances and
   * flags read again and again).
   */
  public StorageSlot slot(Account a, long w0, long w1, long w2, long w3) {
    if (slotCache == null) {
      slotCache = new StorageSlot[1 << SLOT_CACHE_BITS];
      slotCacheAccount = new Account[1 << SLOT_CACHE_BITS];
    }
    int i = (int) (((w0 ^ w1 ^ w2 ^ w3) * 0x9E3779B97F4A7C15L) >>> (64 - SLOT_CACHE_BITS));
    StorageSlot s = slotCache[i];
    if (s != null && slotCacheAccount[i] == a) {
      Word256 k = s.key;
      if (k.w0() == w0 && k.w1() == w1 && k.w2() == w2 && k.w3() == w3) {
        return s;
      }
    }
    s = slot(a, new Word256(w0, w1, w2, w3));
    slotCache[i] = s;
    slotCacheAccount[i] = a;
    return s;
  }

  /** Whether the account has storage in the world state (EIP-7610 collision rule). */
  public boolean hasStoredStorage(Account a) {
    if (a.storageCleared || !a.exists) {
      return false;
    }
    if (a.hasBackendStorage == 0) {
      a.hasBackendStorage = backend.hasStorage(a.address) ? (byte) 2 : (byte) 1;
    }
    return a.hasBackendStorage == 2;
  }

  public Word256 transientValue(Account a, Word256 key) {
    if (a.transientStorage == null) {
      return Word256.ZERO;
    }
    return a.transientStorage.getOrDefault(key, Word256.ZERO);
  }

  public long refund() {
    return refund;
  }

  public List<Log> logs() {
    return logs;
  }

  // -------------------------------------------------------------- journal

  /** A point to {@link #revert(int)} to. */
  public int checkpoint() {
    return journal.size();
  }

  /** Undoes every change made since {@code checkpoint}. */
  public void revert(int checkpoint) {
    for (int i = journal.size() - 1; i >= checkpoint; i--) {
      journal.remove(i).revert(this);
    }
  }

  private void touch(Account a) {
    if (!a.touched) {
      journal.add(new JournalEntry.Touched(a, a.exists));
      a.touched = true;
      a.exists = true;
    }
  }

  // ----------------------------------------------------------------- writes

  public void addBalance(Account a, UInt256 amount) {
    if (amount.isZero()) {
      // As geth: a zero credit touches (and so may create) only an empty account.
      if (a.isEmpty()) {
        if (a.address.equals(RIPEMD)) {
          a.stickyTouch = true;
        }
        touch(a);
      }
      return;
    }
    touch(a);
    journal.add(new JournalEntry.BalanceChanged(a, a.balance));
    a.balance = a.balance.add(amount);
  }

  /** Subtracts; the caller has checked the balance suffices. */
  public void subtractBalance(Account a, UInt256 amount) {
    if (amount.isZero()) {
      return; // geth does not touch the payer of a zero-value transfer
    }
    touch(a);
    journal.add(new JournalEntry.BalanceChanged(a, a.balance));
    a.balance = a.balance.subtract(amount);
  }

  public void setBalance(Account a, UInt256 balance) {
    touch(a);
    journal.add(new JournalEntry.BalanceChanged(a, a.balance));
    a.balance = balance;
  }

  public void setNonce(Account a, long nonce) {
    touch(a);
    journal.add(new JournalEntry.NonceChanged(a, a.nonce));
    a.nonce = nonce;
  }

  public void setCode(Account a, byte[] code) {
    touch(a);
    journal.add(new JournalEntry.CodeChanged(a, a.code, a.codeHash, a.codeChanged, a.codeAnalysis));
    a.code = code;
    a.codeHash = code.length == 0 ? Hash.EMPTY : Hash.keccak(code);
    a.codeChanged = true;
    a.codeAnalysis = null;
  }

  public void setStorage(Account a, StorageSlot slot, Word256 value) {
    touch(a);
    journal.add(new JournalEntry.StorageChanged(slot, slot.current));
    slot.current = value;
  }

  public void setTransient(Account a, Word256 key, Word256 value) {
    if (a.transientStorage == null) {
      a.transientStorage = new HashMap<>();
    }
    Word256 prev = a.transientStorage.put(key, value);
    journal.add(new JournalEntry.TransientChanged(a, key, prev));
  }

  /** Marks the account as (re)created by this transaction: its storage starts empty. */
  public void markCreated(Account a) {
    touch(a);
    journal.add(new JournalEntry.Created(a, a.createdInTx, a.storageCleared));
    a.createdInTx = true;
    a.storageCleared = true;
  }

  /** Records a SELFDESTRUCT whose deletion takes effect at the end of the transaction. */
  public void markSelfDestructed(Account a) {
    touch(a);
    journal.add(new JournalEntry.SelfDestructed(a, a.selfDestructed));
    a.selfDestructed = true;
  }

  /** Warms the account; returns whether it was cold (EIP-2929). */
  public boolean warm(Account a) {
    if (a.warm) {
      return false;
    }
    a.warm = true;
    journal.add(new JournalEntry.AccountWarmed(a));
    return true;
  }

  /**
   * Warms an address at the start of a transaction without loading the account (it is marked warm
   * when first loaded). Not journaled: no revert goes back beyond the transaction's start.
   */
  public void warmAddress(Address address) {
    Account a = accounts.get(address);
    if (a != null) {
      a.warm = true;
      return;
    }
    if (prewarmed == null) {
      prewarmed = new HashSet<>();
    }
    prewarmed.add(address);
  }

  /** Like {@link #warmAddress}, for a storage slot (an EIP-2930 access list's keys). */
  public void warmSlot(Address address, Word256 key) {
    Account a = accounts.get(address);
    StorageSlot s = a == null || a.storage == null ? null : a.storage.get(key);
    if (s != null) {
      s.warm = true;
      return;
    }
    if (prewarmedSlots == null) {
      prewarmedSlots = new HashMap<>();
    }
    prewarmedSlots.computeIfAbsent(address, k -> new HashSet<>()).add(key);
  }

  /** Warms the slot; returns whether it was cold. */
  public boolean warm(StorageSlot s) {
    if (s.warm) {
      return false;
    }
    s.warm = true;
    journal.add(new JournalEntry.SlotWarmed(s));
    return true;
  }

  public void addRefund(long gas) {
    journal.add(new JournalEntry.RefundChanged(refund));
    refund += gas;
  }

  public void subtractRefund(long gas) {
    journal.add(new JournalEntry.RefundChanged(refund));
    refund -= gas;
  }

  public void addLog(Log log) {
    logs.add(log);
    journal.add(JournalEntry.LogAdded.INSTANCE);
  }

  // ------------------------------------------------------------ journal undo

  void undoTouch(Account a, boolean prevExists) {
    a.touched = false;
    a.exists = prevExists;
  }

  void undoLog() {
    logs.remove(logs.size() - 1);
  }

  void undoRefund(long prev) {
    refund = prev;
  }

  // --------------------------------------------------------------- results

  /**
   * The net changes of the transaction: self-destructed accounts deleted, touched empty accounts
   * deleted when {@code clearEmpty} (EIP-161), every other touched account updated.
   */
  public List<AccountUpdate> changes(boolean clearEmpty) {
    List<AccountUpdate> out = new ArrayList<>();
    for (Account a : accounts.values()) {
      boolean touched = a.touched || a.stickyTouch;
      if (!touched || !a.exists) {
        continue;
      }
      if (a.selfDestructed || (clearEmpty && a.isEmpty())) {
        out.add(new AccountUpdate.Deleted(a.address));
        continue;
      }
      Map<Word256, Word256> writes = new LinkedHashMap<>();
      if (a.storage != null) {
        for (StorageSlot s : a.storage.values()) {
          if (!s.current.equals(s.original) || (a.storageCleared && !s.current.isZero())) {
            writes.put(s.key, s.current);
          }
        }
      }
      out.add(
          new AccountUpdate.Updated(
              a.address,
              new AccountState(a.nonce, a.balance, a.codeHash),
              a.codeChanged ? Optional.of(a.code) : Optional.empty(),
              a.storageCleared,
              writes));
    }
    return out;
  }
}
