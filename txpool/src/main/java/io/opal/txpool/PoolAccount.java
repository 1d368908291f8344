package io.opal.txpool;

import java.util.Objects;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * What the pool reads about one account at the head state.
 *
 * @param nonce unsigned 64-bit
 * @param hasCode whether the account has code, EIP-7702 delegation designators included
 */
public record PoolAccount(long nonce, UInt256 balance, boolean hasCode) {
  public static final PoolAccount EMPTY = new PoolAccount(0, UInt256.ZERO, false);

  public PoolAccount {
    Objects.requireNonNull(balance);
  }
}
