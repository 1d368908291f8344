package io.opal.primitives.tx;

/** A well-formed transaction that breaks a validity rule, named by {@link #error()}. */
public final class InvalidTransactionException extends RuntimeException {
  private final TransactionError error;

  public InvalidTransactionException(TransactionError error) {
    super(error.description());
    this.error = error;
  }

  public TransactionError error() {
    return error;
  }
}
