package io.opal.rpc;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces the call timeout without moving the call to another thread (a hop costs ~20 µs, more
 * than a simple call itself): the call runs on the caller's thread and an alarm interrupts that
 * thread at the deadline. Blocking reads, locks and sleeps then end with an interruption; the
 * dispatcher answers -32002 for any call that ends past its deadline.
 */
final class CallWatchdog implements AutoCloseable {
  private static final int RUNNING = 0;
  private static final int FINISHED = 1;
  private static final int INTERRUPTING = 2;
  private static final int INTERRUPTED = 3;

  private final ScheduledThreadPoolExecutor timer;

  CallWatchdog(String name) {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name + "-timeouts");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** One armed alarm; {@link #disarm} must be called once the call is over. */
  final class Alarm {
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> task;

    private Alarm(Thread target, long delayNanos) {
      this.task =
          timer.schedule(
              () -> {
                if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                  target.interrupt();
                  state.set(INTERRUPTED);
                }
              },
              delayNanos,
              TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the alarm. If it already went off, waits for its interrupt to land and clears it, so
     * the thread leaves the call without a stray interrupt.
     */
    void disarm() {
      if (state.compareAndSet(RUNNING, FINISHED)) {
        task.cancel(false);
        return;
      }
      while (state.get() != INTERRUPTED) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
    }
  }

  /** Arms an alarm that interrupts the current thread after {@code delayNanos}. */
  Alarm arm(long delayNanos) {
    return new Alarm(Thread.currentThread(), Math.max(0, delayNanos));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
