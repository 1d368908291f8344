package io.opal.execution.store;

/**
 * A chain operation that the stored chain cannot support: a block whose state root does not match
 * its state, an unknown parent, a head move deeper than the kept state history, a database without
 * a chain. Nothing was written.
 */
public final class ChainStateException extends RuntimeException {
  public ChainStateException(String message) {
    super(message);
  }
}
