package io.opal.txpool;

/** A {@link AddResult.Rejected} as an exception, for callers that prefer to throw. */
public final class PoolException extends RuntimeException {
  private final transient AddResult.Rejected rejection;

  public PoolException(AddResult.Rejected rejection) {
    super(rejection.message());
    this.rejection = rejection;
  }

  public PoolError error() {
    return rejection.error();
  }

  public AddResult.Rejected rejection() {
    return rejection;
  }
}
