package io.opal.consensus.l1;

import io.vertx.core.Vertx;
import java.time.Duration;

/** Runs a task after a delay: Vert.x timers in production, a manual clock in tests. */
@FunctionalInterface
public interface TaskScheduler {

  /**
   * Runs {@code task} once after {@code delay}; the task must not block (it may run on an event
   * loop).
   */
  void schedule(Duration delay, Runnable task);

  static TaskScheduler vertx(Vertx vertx) {
    return (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
  }
}
