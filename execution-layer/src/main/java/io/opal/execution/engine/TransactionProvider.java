package io.opal.execution.engine;

import io.opal.execution.op.TransactionSource;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Where build jobs take pool transactions from: the txpool adapter hands out its best-first
 * iterator for a block's base fee. A job asks again when a source runs dry, to pick up transactions
 * that arrived while it was filling.
 */
@FunctionalInterface
public interface TransactionProvider {
  /** The current best transactions for a block with {@code baseFee}; a fresh snapshot each call. */
  TransactionSource transactions(UInt256 baseFee);

  /** No pool: blocks hold only their forced transactions. */
  TransactionProvider NONE = baseFee -> TransactionSource.EMPTY;
}
