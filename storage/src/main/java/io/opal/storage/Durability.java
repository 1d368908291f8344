package io.opal.storage;

/** How far a {@link WriteBatch#commit(Durability)} must reach before it returns. */
public enum Durability {
  /**
   * The batch is in the write-ahead log handed to the operating system: it survives a crash or kill
   * of this process, but the last commits may be lost if the machine loses power.
   */
  PROCESS_CRASH_SAFE,
  /**
   * The write-ahead log is flushed to the device (fsync) before the commit returns: the batch
   * survives power loss. Slower; use it for head pointers and anything another system was told.
   */
  SYNCED
}
