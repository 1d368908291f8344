package io.opal.storage;

import java.util.Locale;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns RocksDB's status codes into {@link StorageException}s that say what to do. */
final class RocksDbErrors {
  private RocksDbErrors() {}

  /**
   * @param location the directory as messages name it ("the data directory /x")
   * @param action what the store was doing ("opening", "committing a batch"...)
   */
  static StorageException translate(RocksDBException e, String location, String action) {
    Status status = e.getStatus();
    Status.Code code = status == null ? Status.Code.Undefined : status.getCode();
    String detail = e.getMessage() == null ? code.name() : e.getMessage();
    if (code == Status.Code.IOError && detail.toLowerCase(Locale.ROOT).contains("lock")) {
      return new StorageException(
          StorageException.Kind.LOCKED,
          location
              + " is locked by another process (or by another store open in this process): stop the"
              + " other Opal instance using it, or choose another directory ("
              + detail
              + ")",
          e);
    }
    return switch (code) {
      case Corruption ->
          new StorageException(
              StorageException.Kind.CORRUPT,
              "corrupt database in "
                  + location
                  + " while "
                  + action
                  + ": "
                  + detail
                  + "; restore it from a backup or resync into an empty directory",
              e);
      case IOError ->
          new StorageException(
              StorageException.Kind.IO,
              "I/O error in "
                  + location
                  + " while "
                  + action
                  + ": "
                  + detail
                  + "; check free disk space and permissions",
              e);
      default ->
          new StorageException(
              StorageException.Kind.ENGINE,
              "RocksDB failed in " + location + " while " + action + ": " + detail,
              e);
    };
  }
}
