package io.opal.storage;

/**
 * The one error the storage layer lets escape: says what kind of failure it was ({@link #kind()})
 * and, in the message, what was wrong and what to do about it.
 */
public final class StorageException extends RuntimeException {

  /** What went wrong, so that callers can react without parsing messages. */
  public enum Kind {
    /** Another process (or another store in this process) holds the data directory. */
    LOCKED,
    /** The files on disk or a stored value are damaged. */
    CORRUPT,
    /** The directory was written by an incompatible schema version, or is not an Opal database. */
    INCOMPATIBLE_SCHEMA,
    /** The store, snapshot, iterator or batch was already closed. */
    CLOSED,
    /** The operating system refused an operation: disk full, permissions, missing device... */
    IO,
    /** Any other failure reported by the storage engine. */
    ENGINE
  }

  private final Kind kind;

  public StorageException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StorageException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static StorageException closed(String what) {
    return new StorageException(Kind.CLOSED, what + " is closed");
  }

  static StorageException corrupt(String message) {
    return new StorageException(Kind.CORRUPT, message);
  }
}
