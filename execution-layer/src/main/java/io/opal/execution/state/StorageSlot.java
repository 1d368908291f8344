package io.opal.execution.state;

/**
 * One storage slot of an account in the current transaction: its value when the transaction began
 * (EIP-2200 prices SSTORE by it), its current value and whether it is warm (EIP-2929).
 */
public final class StorageSlot {
  final Word256 key;
  final Word256 original;
  Word256 current;
  boolean warm;

  StorageSlot(Word256 key, Word256 original) {
    this.key = key;
    this.original = original;
    this.current = original;
  }

  public Word256 key() {
    return key;
  }

  public Word256 original() {
    return original;
  }

  public Word256 current() {
    return current;
  }

  public boolean isWarm() {
    return warm;
  }
}
