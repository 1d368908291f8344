package io.opal.txpool;

import java.io.IOException;
import java.util.List;

/**
 * Where local transactions survive a restart. The pool appends every local transaction it admits
 * and periodically replaces the whole journal with the local transactions it still holds
 * ("rotation"), so the journal stays about as large as the live set. On start it loads the journal
 * and re-admits each transaction against the then-current state.
 *
 * <p>Implementations are called from several threads (RPC threads append, the maintenance thread
 * rotates) and synchronize themselves.
 */
public interface PoolJournal extends AutoCloseable {

  /** Keeps nothing: for nodes without locals, and tests. */
  PoolJournal NONE =
      new PoolJournal() {
        @Override
        public List<byte[]> load() {
          return List.of();
        }

        @Override
        public void append(byte[] envelope) {}

        @Override
        public void rotate(List<byte[]> envelopes) {}

        @Override
        public void close() {}
      };

  /**
   * The envelopes journaled so far, oldest first. A damaged tail (a crash in mid-write) ends the
   * list rather than failing it.
   */
  List<byte[]> load() throws IOException;

  /** Records one admitted local transaction's envelope. */
  void append(byte[] envelope) throws IOException;

  /** Replaces the journal's content with exactly these envelopes, atomically. */
  void rotate(List<byte[]> envelopes) throws IOException;

  @Override
  void close() throws IOException;
}
