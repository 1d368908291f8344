package io.opal.storage;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets operations run concurrently with each other but not with closing. RocksDB crashes the JVM
 * when a handle is used after it was freed, so closing must wait for calls already inside the
 * engine and make every later call fail cleanly. Cheaper than a read-write lock on the read path:
 * an operation costs two uncontended adder updates and a volatile read.
 */
final class CloseGuard {
  private final String what;
  private final LongAdder inFlight = new LongAdder();
  private volatile boolean closed;

  CloseGuard(String what) {
    this.what = what;
  }

  /** Marks an operation as started; every {@code enter} must be followed by {@link #exit}. */
  void enter() {
    inFlight.increment();
    // Increment before reading the flag and close() sets the flag before reading the count: of two
    // racing threads at least one sees the other, so no operation slips past a finished close.
    if (closed) {
      inFlight.decrement();
      throw StorageException.closed(what);
    }
  }

  void exit() {
    inFlight.decrement();
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Refuses new operations and waits for those in progress. Returns false if the guard was already
   * closed, so that the caller releases its resources exactly once.
   */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    int spins = 0;
    while (inFlight.sum() != 0) {
      if (++spins < 1000) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(100_000);
      }
    }
    return true;
  }
}
