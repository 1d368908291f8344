package io.opal.txpool;

import io.opal.execution.engine.TransactionProvider;
import io.opal.execution.op.TransactionSource;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The pool as the engine's {@link TransactionProvider}: each build-job request gets a fresh {@link
 * BestTransactions} snapshot at the block's base fee, handing out the pool's transactions best
 * first with the sender and envelope the pool already holds (no recovery or re-encoding).
 */
public final class PoolTransactionProvider implements TransactionProvider {
  private final TransactionPool pool;
  private final UInt256 minTip;

  /** Transactions paying any tip. */
  public PoolTransactionProvider(TransactionPool pool) {
    this(pool, UInt256.ZERO);
  }

  /** Transactions paying at least {@code minTip} per gas at the block's base fee. */
  public PoolTransactionProvider(TransactionPool pool, UInt256 minTip) {
    this.pool = Objects.requireNonNull(pool);
    this.minTip = Objects.requireNonNull(minTip);
  }

  @Override
  public TransactionSource transactions(UInt256 baseFee) {
    BestTransactions best = pool.bestTransactions(baseFee, minTip);
    return new TransactionSource() {
      @Override
      public Optional<Candidate> next() {
        return best.next()
            .map(p -> new Candidate(p.transaction(), p.sender(), p.envelope().toArrayUnsafe()));
      }

      @Override
      public void skipSender(io.opal.primitives.Address sender) {
        best.skipSender(sender);
      }
    };
  }
}
