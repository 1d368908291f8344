package io.opal.txpool;

import io.opal.primitives.Address;
import java.math.BigInteger;
import java.util.TreeMap;

/** One sender's transactions: the executable run from its state nonce, and the rest. */
final class SenderTxs {
  final Address address;

  /** Contiguous nonces starting at the state nonce of the current head. */
  final TreeMap<Long, PoolEntry> pending = new TreeMap<>(Long::compareUnsigned);

  /** Nonces that wait for a gap to fill, or for funds. */
  final TreeMap<Long, PoolEntry> queued = new TreeMap<>(Long::compareUnsigned);

  /** Sum of the pending transactions' total costs: what a new one must come on top of. */
  BigInteger pendingCost = BigInteger.ZERO;

  /** Last progress (arrival in the queue, or promotion), in clock millis: drives queue expiry. */
  long heartbeatMillis;

  SenderTxs(Address address, long nowMillis) {
    this.address = address;
    this.heartbeatMillis = nowMillis;
  }

  /** The nonce the sender's next executable transaction must have. */
  long nextNonce(long stateNonce) {
    return pending.isEmpty() ? stateNonce : pending.lastKey() + 1;
  }

  PoolEntry get(long nonce) {
    PoolEntry e = pending.get(nonce);
    return e != null ? e : queued.get(nonce);
  }

  int count() {
    return pending.size() + queued.size();
  }

  boolean isEmpty() {
    return pending.isEmpty() && queued.isEmpty();
  }
}
