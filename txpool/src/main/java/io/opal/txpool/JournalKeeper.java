package io.opal.txpool;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When and how the pool writes its journal: appends as local transactions arrive, a rotation every
 * {@code rejournal} or sooner once the appends far outnumber the live local transactions (fee-bump
 * spam from a local account must not grow the file without bound). Journal failures are logged,
 * never passed to the sender of a transaction: the transaction is pooled either way.
 */
final class JournalKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalKeeper.class);

  private final PoolJournal journal;
  private final long rejournalMillis;
  private final AtomicInteger appendsSinceRotation = new AtomicInteger();
  private volatile long lastRotationMillis;

  JournalKeeper(PoolJournal journal, PoolConfig config, long nowMillis) {
    this.journal = journal;
    this.rejournalMillis = config.rejournal().toMillis();
    this.lastRotationMillis = nowMillis;
  }

  void append(byte[] envelope) {
    try {
      journal.append(envelope);
      appendsSinceRotation.incrementAndGet();
    } catch (IOException e) {
      LOG.warn("Cannot append to the transaction journal", e);
    }
  }

  boolean rotationDue(long nowMillis, int liveLocals) {
    return nowMillis - lastRotationMillis >= rejournalMillis
        || appendsSinceRotation.get() > 2 * (liveLocals + 64);
  }

  /** Marks the rotation as done now; the caller writes {@link #rotate} after leaving its lock. */
  void rotationStarted(long nowMillis) {
    lastRotationMillis = nowMillis;
    appendsSinceRotation.set(0);
  }

  void rotate(List<byte[]> locals) {
    try {
      journal.rotate(locals);
    } catch (IOException e) {
      LOG.warn("Cannot rewrite the transaction journal", e);
    }
  }

  List<byte[]> load() {
    try {
      return journal.load();
    } catch (IOException e) {
      LOG.warn("Cannot read the transaction journal", e);
      return List.of();
    }
  }

  @Override
  public void close() {
    try {
      journal.close();
    } catch (IOException e) {
      LOG.warn("Cannot close the transaction journal", e);
    }
  }
}
