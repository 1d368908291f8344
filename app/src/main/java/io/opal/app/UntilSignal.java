package io.opal.app;

import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command in the foreground until Ctrl-C or SIGTERM. */
final class UntilSignal {
  private UntilSignal() {}

  /**
   * Blocks until the JVM is told to exit; a shutdown hook closes {@code running} first, so a signal
   * stops it cleanly. Returns the command's exit code.
   */
  static int run(AutoCloseable running) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeQuietly(running);
                  stopped.countDown();
                },
                "opal-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(running);
    }
    return 0;
  }

  private static void closeQuietly(AutoCloseable running) {
    try {
      running.close();
    } catch (Exception e) {
      System.err.println("opal: stopping failed: " + e);
    }
  }
}
