package io.opal.txpool;

import io.opal.primitives.tx.Transaction;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * What an OP Stack transaction costs its sender beyond execution gas, in wei: the L1 data fee (from
 * the envelope's size or FastLZ estimate and the L1 fee parameters) plus the operator fee (from the
 * gas limit, Isthmus onwards). The OP layer supplies one per head, since the parameters live in the
 * L1Block contract's state; the pool adds it to the balance it requires.
 *
 * <p>The pool calls it on admission and, with every new head, for each pooled transaction (from
 * several threads, outside its lock); the result must depend only on the arguments and the head.
 */
@FunctionalInterface
public interface L1CostFunction {
  /** No L1 or operator fee: for tests and for chains without one. */
  L1CostFunction ZERO = (tx, envelope) -> UInt256.ZERO;

  /**
   * @param envelope the transaction's canonical EIP-2718 envelope (do not modify)
   */
  UInt256 cost(Transaction tx, byte[] envelope);
}
