package io.opal.consensus.sequencer;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs an agent's step (Agrona's {@code doWork}) on a single-threaded scheduler, again after the
 * delay each step returns, until closed. Other threads run work on that thread with {@link #call}
 * and bring the next step forward with {@link #wake}. Thread-safe.
 */
final class DriverLoop {
  private static final System.Logger LOG = System.getLogger(DriverLoop.class.getName());

  private final LongSupplier step;
  private final long afterFailureMillis;

  // Guarded by this.
  private ScheduledExecutorService driver;
  private ScheduledFuture<?> scheduled;
  private boolean stepping;
  private boolean wakeRequested;
  private boolean closed;

  private volatile Thread driverThread;

  /**
   * @param step the step: returns milliseconds until the next is due
   * @param afterFailureMillis the wait after a step that threw (logged; the loop never dies)
   */
  DriverLoop(LongSupplier step, long afterFailureMillis) {
    this.step = step;
    this.afterFailureMillis = afterFailureMillis;
  }

  /** Starts stepping on {@code driver} (single-threaded: its thread runs every step). */
  synchronized void start(ScheduledExecutorService driver) {
    if (this.driver != null) {
      throw new IllegalStateException("the sequencer is already running on a driver");
    }
    this.driver = Objects.requireNonNull(driver);
    schedule(0);
  }

  private synchronized void schedule(long delayMillis) {
    if (closed || driver == null || driver.isShutdown()) {
      return;
    }
    scheduled = driver.schedule(this::run, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs a step now instead of at its scheduled time; during a step, right after it (cancelling the
   * running step's future would start a second chain of steps).
   */
  synchronized void wake() {
    if (stepping) {
      wakeRequested = true;
    } else if (scheduled != null && scheduled.cancel(false)) {
      schedule(0);
    }
  }

  private void run() {
    driverThread = Thread.currentThread();
    synchronized (this) {
      stepping = true;
      wakeRequested = false;
    }
    long delay;
    try {
      delay = step.getAsLong();
    } catch (Throwable t) { // never let the driver die: log, and look again later
      LOG.log(Level.ERROR, "sequencer step failed unexpectedly", t);
      delay = afterFailureMillis;
    }
    synchronized (this) {
      stepping = false;
      schedule(wakeRequested ? 0 : delay);
    }
  }

  /**
   * Runs {@code action} on the driver thread and waits up to {@code timeoutSeconds} for it;
   * directly (under this lock) when there is no running driver or the caller is on it.
   */
  <T> T call(Callable<T> action, long timeoutSeconds) throws Exception {
    ScheduledExecutorService d;
    synchronized (this) {
      d = driver;
    }
    if (d == null || Thread.currentThread() == driverThread || d.isShutdown()) {
      synchronized (this) {
        return action.call();
      }
    }
    return d.submit(action).get(timeoutSeconds, TimeUnit.SECONDS);
  }

  /** Schedules no further step (one running finishes). */
  synchronized void close() {
    closed = true;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }
}
