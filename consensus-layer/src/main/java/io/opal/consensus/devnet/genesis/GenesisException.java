package io.opal.consensus.devnet.genesis;

/** The genesis could not be built or read: says which contract, account or field and why. */
public final class GenesisException extends RuntimeException {
  public GenesisException(String message) {
    super(message);
  }

  public GenesisException(String message, Throwable cause) {
    super(message, cause);
  }
}
