package io.opal.execution.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.storage.BlockKey;
import io.opal.storage.Column;
import io.opal.storage.InMemoryKeyValueStore;
import io.opal.storage.KeyRange;
import io.opal.storage.KeyValue;
import io.opal.storage.KeyValueIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bounded rewind: blocks applied, the head moved back k blocks by the stored diffs, and the flat
 * tables (every entry, byte for byte), the reads and the state root are those of the ancestor;
 * moved forward again (or onto another branch) they are those of the target.
 */
class ChainDatabaseRewindTest {
  private static final int DEPTH = 8;

  /** What the database held at one head: its key, the reference reads and every flat entry. */
  private record Snapshot(
      BlockKey key, Hash root, RandomUpdates.Dump dump, Map<String, String> flat) {}

  private final RandomUpdates random = new RandomUpdates(2024);

  private Snapshot snapshot(ChainDatabase db, InMemoryWorldState reference) {
    BlockHeader head = db.headHeader();
    assertEquals(reference.stateRoot(), head.stateRoot());
    return new Snapshot(
        db.heads().orElseThrow().unsafe(),
        head.stateRoot(),
        RandomUpdates.dump(reference),
        flatTables(db));
  }

  /** The flat tables once the head's layers are applied to them. */
  private static Map<String, String> flatTables(ChainDatabase db) {
    db.applyHeadLayers();
    Map<String, String> out = new HashMap<>();
    for (Column c : List.of(Column.ACCOUNTS, Column.STORAGE)) {
      try (KeyValueIterator it = db.store().iterator(c, KeyRange.all())) {
        while (it.hasNext()) {
          KeyValue kv = it.next();
          out.put(c + ":" + Hex.encode(kv.key()), Hex.encode(kv.value()));
        }
      }
    }
    return out;
  }

  private Block addBlock(ChainDatabase db, BlockHeader parent, InMemoryWorldState reference) {
    BlockState state = db.newBlockState(parent);
    int txs = 1 + random.nextInt(8);
    for (int t = 0; t < txs; t++) {
      List<AccountUpdate> tx = random.transaction();
      reference.apply(tx);
      state.apply(tx);
    }
    Block block = BlockStateTest.emptyBlock(parent, state.stateRoot());
    db.commitBlock(block, List.of(), state);
    return block;
  }

  private void assertAt(ChainDatabase db, Snapshot expected) {
    assertEquals(expected.key(), db.heads().orElseThrow().unsafe());
    assertEquals(expected.root(), db.headHeader().stateRoot());
    assertEquals(expected.flat(), flatTables(db), "flat tables at " + expected.key());
    assertEquals(expected.dump(), RandomUpdates.dump(db.state().head()));
    assertEquals(expected.dump(), RandomUpdates.dump(db.state().at(expected.root())));
    // The canonical index ends at the head.
    assertEquals(
        expected.key().hash(), db.chain().canonicalHash(expected.key().number()).orElseThrow());
    assertTrue(db.chain().canonicalHash(expected.key().number() + 1).isEmpty());
  }

  @Test
  void rewindsAndRollsForwardByStoredDiffs() {
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ChainDatabase db = BlockStateTest.emptyChain(store, DEPTH);
      InMemoryWorldState reference = new InMemoryWorldState();
      List<Snapshot> history = new ArrayList<>();
      history.add(snapshot(db, reference));
      for (int i = 0; i < 20; i++) {
        addBlock(db, db.headHeader(), reference);
        history.add(snapshot(db, reference));
      }
      Snapshot tip = history.get(20);
      // Reads of past blocks' states through their tries, of the head's through the flat tables.
      for (int n = 0; n <= 20; n++) {
        StateView view = db.stateAt(n).orElseThrow();
        assertEquals(n == 20, view instanceof FlatStateReader);
        assertEquals(history.get(n).dump(), RandomUpdates.dump(view), "state at block " + n);
      }
      assertTrue(db.stateAt(21).isEmpty());
      for (int k : new int[] {1, 3, DEPTH}) {
        Snapshot ancestor = history.get(20 - k);
        db.setHead(ancestor.key());
        assertAt(db, ancestor);
        db.setHead(tip.key());
        assertAt(db, tip);
      }
      // Deeper than the kept history: refused, nothing changed.
      Snapshot tooDeep = history.get(20 - DEPTH - 1);
      assertThrows(ChainStateException.class, () -> db.setHead(tooDeep.key()));
      assertAt(db, tip);
      // Pruning keeps exactly the last DEPTH diffs.
      for (int n = 1; n <= 20; n++) {
        boolean kept = db.state().diff(history.get(n).key()).isPresent();
        assertEquals(n > 20 - DEPTH, kept, "diff of block " + n);
      }
    }
  }

  @Test
  void reorgsToAnotherBranchAndBack() {
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ChainDatabase db = BlockStateTest.emptyChain(store, DEPTH);
      InMemoryWorldState reference = new InMemoryWorldState();
      for (int i = 0; i < 5; i++) {
        addBlock(db, db.headHeader(), reference);
      }
      Snapshot fork = snapshot(db, reference);
      InMemoryWorldState forkState = RandomUpdates.copyOf(reference);
      for (int i = 0; i < 4; i++) {
        addBlock(db, db.headHeader(), reference);
      }
      Snapshot branchA = snapshot(db, reference);

      // Branch B, executed on the head after rewinding to the fork point.
      db.setHead(fork.key());
      assertAt(db, fork);
      InMemoryWorldState referenceB = forkState;
      for (int i = 0; i < 3; i++) {
        addBlock(db, db.headHeader(), referenceB);
      }
      Snapshot branchB = snapshot(db, referenceB);

      // Back to A and over to B again, by diffs only.
      db.setHead(branchA.key());
      assertAt(db, branchA);
      db.setHead(branchB.key());
      assertAt(db, branchB);

      // A block executed off the head (on A's tip state, read through the trie) is stored beside
      // the chain and can become the head without re-execution.
      BlockHeader tipA = db.chain().header(branchA.key()).orElseThrow();
      InMemoryWorldState referenceA2 = RandomUpdates.copyOf(reference); // still branch A's state
      BlockState offHead = db.newBlockState(tipA);
      assertFalse(offHead.isOnFlatHead());
      List<AccountUpdate> tx = random.transaction();
      offHead.apply(tx);
      referenceA2.apply(tx);
      Block a2 = BlockStateTest.emptyBlock(tipA, offHead.stateRoot());
      BlockKey a2Key = db.commitBlock(a2, List.of(), offHead);
      assertEquals(
          branchB.key(),
          db.heads().orElseThrow().unsafe(),
          "an off-head block does not move the head");
      db.setHead(a2Key);
      assertEquals(RandomUpdates.dump(referenceA2), RandomUpdates.dump(db.state().head()));
      assertEquals(referenceA2.stateRoot(), db.headHeader().stateRoot());
    }
  }

  @Test
  void theFinalizedHeadIsNeverRewound() {
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ChainDatabase db = BlockStateTest.emptyChain(store, DEPTH);
      InMemoryWorldState reference = new InMemoryWorldState();
      List<BlockKey> keys = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        addBlock(db, db.headHeader(), reference);
        keys.add(db.heads().orElseThrow().unsafe());
      }
      db.setSafeAndFinalized(keys.get(4), keys.get(2));
      assertThrows(ChainStateException.class, () -> db.setHead(keys.get(1)));
      db.setHead(keys.get(3));
      ChainHeads heads = db.heads().orElseThrow();
      assertEquals(keys.get(3), heads.unsafe());
      assertEquals(keys.get(3), heads.safe(), "a safe head above the new head falls back");
      assertEquals(keys.get(2), heads.finalized());
      assertEquals(heads, db.chain().heads().orElseThrow(), "the heads are stored");
      // keys.get(i) is block i + 1.
      assertTrue(db.chain().canonicalHash(5).isEmpty());
      assertEquals(keys.get(3).hash(), db.chain().canonicalHash(4).orElseThrow());
    }
  }
}
