package io.opal.execution.state;

import io.opal.primitives.Hash;
import org.apache.tuweni.units.bigints.UInt256;

/** One undoable change in the {@link JournaledState} journal. */
sealed interface JournalEntry {

  void revert(JournaledState state);

  record Touched(Account account, boolean prevExists) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      state.undoTouch(account, prevExists);
    }
  }

  record BalanceChanged(Account account, UInt256 prev) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      account.balance = prev;
    }
  }

  record NonceChanged(Account account, long prev) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      account.nonce = prev;
    }
  }

  record CodeChanged(
      Account account, byte[] prevCode, Hash prevHash, boolean prevChanged, Object prevAnalysis)
      implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      account.code = prevCode;
      account.codeHash = prevHash;
      account.codeChanged = prevChanged;
      account.codeAnalysis = prevAnalysis;
    }
  }

  record StorageChanged(StorageSlot slot, Word256 prev) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      slot.current = prev;
    }
  }

  record TransientChanged(Account account, Word256 key, Word256 prev) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      if (prev == null) {
        account.transientStorage.remove(key);
      } else {
        account.transientStorage.put(key, prev);
      }
    }
  }

  record Created(Account account, boolean prevCreated, boolean prevCleared)
      implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      account.createdInTx = prevCreated;
      account.storageCleared = prevCleared;
    }
  }

  record SelfDestructed(Account account, boolean prev) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      account.selfDestructed = prev;
    }
  }

  record AccountWarmed(Account account) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      account.warm = false;
    }
  }

  record SlotWarmed(StorageSlot slot) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      slot.warm = false;
    }
  }

  record RefundChanged(long prev) implements JournalEntry {
    @Override
    public void revert(JournaledState state) {
      state.undoRefund(prev);
    }
  }

  record LogAdded() implements JournalEntry {
    static final LogAdded INSTANCE = new LogAdded();

    @Override
    public void revert(JournaledState state) {
      state.undoLog();
    }
  }
}
