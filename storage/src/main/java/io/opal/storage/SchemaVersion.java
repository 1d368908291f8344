package io.opal.storage;

import java.util.Optional;

/**
 * The check every store runs when it opens: a directory written under another {@link
 * Schema#VERSION} would be misread byte by byte, so it is refused with an error that says what to
 * do; a new directory is stamped with the current version.
 */
final class SchemaVersion {
  private SchemaVersion() {}

  /**
   * Accepts a store stamped with {@link Schema#VERSION}, stamps a store holding nothing, and
   * refuses anything else.
   *
   * @param foreignData whether the engine saw data outside the schema's columns (another program's
   *     database)
   * @param location the directory, as error messages name it
   */
  static void checkOrStamp(KeyValueStore store, boolean foreignData, String location) {
    byte[] key = Schema.MetaKey.SCHEMA_VERSION.key();
    Optional<byte[]> stored = store.get(Column.METADATA, key);
    if (stored.isPresent()) {
      long version = Schema.decodeUint64(stored.get(), "the schema version in " + location);
      if (version != Schema.VERSION) {
        throw new StorageException(
            StorageException.Kind.INCOMPATIBLE_SCHEMA,
            location
                + " was written with storage schema version "
                + Long.toUnsignedString(version)
                + ", but this build of Opal reads version "
                + Schema.VERSION
                + ": run the Opal version that wrote it, or move the directory aside and resync");
      }
      return;
    }
    if (foreignData || !isEmpty(store)) {
      throw new StorageException(
          StorageException.Kind.INCOMPATIBLE_SCHEMA,
          location
              + " holds data but no Opal schema version: it is not an Opal database (or was written"
              + " before versioning); point Opal at an empty or Opal-created directory");
    }
    // Synced: a directory that outlives this process must carry its version from the start.
    try (WriteBatch batch = store.newBatch()) {
      batch.put(Column.METADATA, key, Schema.encodeUint64(Schema.VERSION));
      batch.commit(Durability.SYNCED);
    }
  }

  private static boolean isEmpty(KeyValueStore store) {
    for (Column column : Column.values()) {
      try (KeyValueIterator it = store.iterator(column, KeyRange.all())) {
        if (it.hasNext()) {
          return false;
        }
      }
    }
    return true;
  }
}
