package io.opal.rpc.admin;

import io.opal.consensus.rollup.SequencerControl;
import io.opal.consensus.rollup.SequencerControlException;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.primitives.Hash;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of {@link SequencerControl} with op-node's sequencer rules (start only on the
 * current head, not twice; stop only when running, answering the head) that records every call, so
 * tests can tell that a refused request never reached it.
 */
final class RecordingSequencer implements SequencerControl {
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile boolean active;
  volatile Hash head;
  volatile SyncStatus status;

  RecordingSequencer(Hash head, SyncStatus status) {
    this.head = head;
    this.status = status;
  }

  @Override
  public synchronized void start(Hash unsafeHead) throws SequencerControlException {
    calls.add("start " + unsafeHead);
    if (active) {
      throw new SequencerControlException("sequencer already running");
    }
    if (!unsafeHead.equals(head)) {
      throw new SequencerControlException(
          "block hash does not match: head " + head + ", received " + unsafeHead);
    }
    active = true;
  }

  @Override
  public synchronized Hash stop() throws SequencerControlException {
    calls.add("stop");
    if (!active) {
      throw new SequencerControlException("sequencer not running");
    }
    active = false;
    return head;
  }

  @Override
  public boolean active() {
    calls.add("active");
    return active;
  }

  @Override
  public SyncStatus syncStatus() {
    calls.add("syncStatus");
    return status;
  }
}
