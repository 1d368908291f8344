package io.opal.storage;

/**
 * A native resource (snapshot, iterator, batch) that its owner, a store or a snapshot, frees when
 * the owner closes. The owner calls {@link #releaseByOwner()} only after its own guard has drained,
 * so no call on the child can be running inside the engine at that moment.
 */
interface NativeChild {
  /** Frees the native resources; harmless if already freed. */
  void releaseByOwner();
}
