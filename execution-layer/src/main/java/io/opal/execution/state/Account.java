package io.opal.execution.state;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.HashMap;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An account as one transaction sees it: loaded lazily from the {@link StateReader}, changed only
 * through {@link JournaledState} (which journals every change so nested calls can revert). A
 * non-existent account is also represented (with {@link #exists()} false) so that warmth and
 * lookups need no null checks.
 */
public final class Account {
  final Address address;
  long nonce;
  UInt256 balance;
  Hash codeHash;
  byte[] code; // null until loaded
  boolean exists;
  boolean touched;
  boolean warm;
  boolean selfDestructed;
  boolean createdInTx;
  boolean storageCleared;
  boolean codeChanged;

  /** The RIPEMD-160 consensus exception: a zero-value touch of 0x03 survives reverts. */
  boolean stickyTouch;

  byte hasBackendStorage; // 0 unknown, 1 no, 2 yes
  HashMap<Word256, StorageSlot> storage;
  HashMap<Word256, Word256> transientStorage;

  /** Interpreter's cache of analysed code for {@link #code}; reset when the code changes. */
  Object codeAnalysis;

  Account(Address address) {
    this.address = address;
    this.balance = UInt256.ZERO;
    this.codeHash = Hash.EMPTY;
  }

  public Address address() {
    return address;
  }

  public long nonce() {
    return nonce;
  }

  public UInt256 balance() {
    return balance;
  }

  public Hash codeHash() {
    return codeHash;
  }

  public boolean exists() {
    return exists;
  }

  /** EIP-161 emptiness: no nonce, no balance, no code (a non-existent account is empty too). */
  public boolean isEmpty() {
    return nonce == 0 && balance.isZero() && codeHash.equals(Hash.EMPTY);
  }

  public boolean hasCode() {
    return !codeHash.equals(Hash.EMPTY);
  }

  public boolean isWarm() {
    return warm;
  }

  public boolean isSelfDestructed() {
    return selfDestructed;
  }

  /** Created by this transaction (EIP-6780 lets only such accounts self-destruct fully). */
  public boolean isCreatedInTx() {
    return createdInTx;
  }

  /** Whatever the interpreter cached for the current code (analysis), or null. */
  public Object codeAnalysis() {
    return codeAnalysis;
  }

  public void setCodeAnalysis(Object analysis) {
    this.codeAnalysis = analysis;
  }

  @Override
  public String toString() {
    return "Account[" + address + " nonce=" + nonce + " balance=" + balance + "]";
  }
}
