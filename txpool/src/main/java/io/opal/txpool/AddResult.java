package io.opal.txpool;

import java.util.Objects;
import java.util.Optional;

/** The outcome of offering a transaction to the pool. */
public sealed interface AddResult permits AddResult.Accepted, AddResult.Rejected {

  /**
   * Pooled.
   *
   * @param status where it sits right after admission
   * @param replaced the transaction with the same sender and nonce it replaced, if any
   */
  record Accepted(
      PooledTransaction transaction, TxStatus status, Optional<PooledTransaction> replaced)
      implements AddResult {
    public Accepted {
      Objects.requireNonNull(transaction);
      Objects.requireNonNull(status);
      Objects.requireNonNull(replaced);
    }
  }

  /**
   * Refused.
   *
   * @param message geth's text for {@code error}, possibly followed by details
   */
  record Rejected(PoolError error, String message) implements AddResult {
    public Rejected {
      Objects.requireNonNull(error);
      Objects.requireNonNull(message);
    }

    static Rejected of(PoolError error) {
      return new Rejected(error, error.text());
    }

    static Rejected of(PoolError error, String detail) {
      return new Rejected(error, error.text() + ": " + detail);
    }
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /** The accepted transaction, or a {@link PoolException} carrying the rejection. */
  default Accepted orElseThrow() {
    return switch (this) {
      case Accepted a -> a;
      case Rejected r -> throw new PoolException(r);
    };
  }
}
