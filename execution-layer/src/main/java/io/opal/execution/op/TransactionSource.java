package io.opal.execution.op;

import io.opal.primitives.Address;
import io.opal.primitives.tx.SignedTransaction;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a block builder takes transactions from after the forced ones: normally the txpool's
 * best-first iterator. The builder calls {@link #skipSender} when a sender's transaction could not
 * be included (its later nonces cannot be either); after an inclusion, or a nonce that is already
 * used, it simply asks for the next one.
 */
public interface TransactionSource {

  /** A candidate transaction with what the pool already knows of it. */
  record Candidate(SignedTransaction transaction, Address sender, byte[] envelope) {
    public Candidate {
      Objects.requireNonNull(transaction);
      Objects.requireNonNull(sender);
      Objects.requireNonNull(envelope);
    }
  }

  /** The next transaction to try, or empty when there is none. */
  Optional<Candidate> next();

  /** Returns no more transactions of {@code sender}. */
  void skipSender(Address sender);

  /** A source with no transactions (a block of forced transactions only). */
  TransactionSource EMPTY =
      new TransactionSource() {
        @Override
        public Optional<Candidate> next() {
          return Optional.empty();
        }

        @Override
        public void skipSender(Address sender) {}
      };
}
