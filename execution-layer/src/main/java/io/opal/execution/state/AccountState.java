package io.opal.execution.state;

import io.opal.primitives.Hash;
import org.apache.tuweni.units.bigints.UInt256;

/** An account as the world state stores it, without its storage (which is read slot by slot). */
public record AccountState(long nonce, UInt256 balance, Hash codeHash) {
  public static final AccountState EMPTY = new AccountState(0, UInt256.ZERO, Hash.EMPTY);

  /** EIP-161: no nonce, no balance, no code. */
  public boolean isEmpty() {
    return nonce == 0 && balance.isZero() && codeHash.equals(Hash.EMPTY);
  }
}
