package io.opal.txpool;

import io.opal.primitives.Address;

/**
 * The pool's only window onto the world state: the accounts at the current head. Implementations
 * are immutable snapshots of one state (a new head brings a new view) and must allow concurrent
 * reads, because RPC threads look up senders while the pool validates outside its lock.
 */
@FunctionalInterface
public interface PoolStateView {

  /** The account at this state; {@link PoolAccount#EMPTY} when it does not exist. */
  PoolAccount account(Address address);
}
