package io.opal.consensus.sequencer;

import io.opal.storage.Column;
import io.opal.storage.KeyValueStore;
import io.opal.storage.Schema;
import io.opal.storage.WriteBatch;
import java.util.Optional;

/** The sequencer's active/stopped flag in the metadata column, so that it survives a restart. */
final class SequencerState {
  private static final byte[] KEY = Schema.MetaKey.SEQUENCER_STATE.key();
  private final KeyValueStore store;

  SequencerState(KeyValueStore store) {
    this.store = store;
  }

  /** The stored flag; empty if never stored. */
  Optional<Boolean> stored() {
    return store.get(Column.METADATA, KEY).map(v -> v.length == 1 && v[0] == 1);
  }

  void store(boolean active) {
    try (WriteBatch b = store.newBatch()) {
      b.put(Column.METADATA, KEY, new byte[] {(byte) (active ? 1 : 0)});
      b.commit();
    }
  }
}
