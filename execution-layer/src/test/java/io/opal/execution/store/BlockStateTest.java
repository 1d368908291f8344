package io.opal.execution.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.storage.Column;
import io.opal.storage.Durability;
import io.opal.storage.InMemoryKeyValueStore;
import io.opal.storage.KeyRange;
import io.opal.storage.KeyValue;
import io.opal.storage.KeyValueIterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The persistent state against the in-memory reference: the same random transaction effects give
 * the same reads within a block, the same state root (computed incrementally mid-block too), and
 * after commit the same reads from the flat tables and from the trie.
 */
class BlockStateTest {

  static Block emptyBlock(BlockHeader parent, Hash stateRoot) {
    BlockHeader h =
        BlockHeader.builder()
            .parentHash(parent.hash())
            .number(parent.number() + 1)
            .stateRoot(stateRoot)
            .gasLimit(30_000_000)
            .timestamp(parent.timestamp() + 2)
            .baseFeePerGas(7)
            .build();
    return new Block(h, BlockBody.EMPTY);
  }

  static ChainDatabase emptyChain(InMemoryKeyValueStore store, int historyDepth) {
    ChainDatabase db =
        ChainDatabase.open(store, historyDepth, io.opal.storage.Durability.PROCESS_CRASH_SAFE);
    BlockState genesisState = BlockState.empty();
    BlockHeader h =
        BlockHeader.builder()
            .stateRoot(genesisState.stateRoot())
            .gasLimit(30_000_000)
            .baseFeePerGas(7)
            .build();
    db.writeGenesis(new Block(h, BlockBody.EMPTY), genesisState, new byte[] {'{', '}'});
    return db;
  }

  @Test
  void matchesTheInMemoryStateBlockByBlock() {
    RandomUpdates random = new RandomUpdates(42);
    InMemoryWorldState reference = new InMemoryWorldState();
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ChainDatabase db = emptyChain(store, 16);
      for (int block = 0; block < 40; block++) {
        BlockHeader parent = db.headHeader();
        BlockState state = db.newBlockState(parent);
        assertTrue(state.isOnFlatHead());
        int txs = 1 + random.nextInt(6);
        for (int t = 0; t < txs; t++) {
          List<AccountUpdate> tx = random.transaction();
          reference.apply(tx);
          state.apply(tx);
          assertEquals(RandomUpdates.dump(reference), RandomUpdates.dump(state), "block " + block);
          if (random.nextInt(3) == 0) {
            assertEquals(reference.stateRoot(), state.stateRoot(), "mid-block root " + block);
          }
        }
        Hash root = state.stateRoot();
        assertEquals(reference.stateRoot(), root, "root of block " + block);
        for (int i = 0; i < RandomUpdates.ACCOUNTS; i++) {
          Address a = RandomUpdates.address(i);
          assertEquals(reference.storageRoot(a), state.storageRoot(a), "storage root of " + a);
        }
        db.commitBlock(emptyBlock(parent, root), List.of(), state);

        RandomUpdates.Dump expected = RandomUpdates.dump(reference);
        assertEquals(expected, RandomUpdates.dump(db.state().head()), "flat, block " + block);
        assertEquals(expected, RandomUpdates.dump(db.state().at(root)), "trie, block " + block);
        assertEquals(
            RandomUpdates.hasStorage(reference), RandomUpdates.hasStorage(db.state().head()));
        for (Address a : reference.addresses()) {
          AccountState s = reference.account(a).orElseThrow();
          assertArrayEquals(reference.code(s.codeHash()), db.state().head().code(s.codeHash()));
        }
      }
      assertFlatStorageHasNoZeros(store);
    }
  }

  /**
   * The flat tables trail the head by the blocks not applied yet, kept as layers in memory: the
   * head reads (live and through a view) see the head's state through them after every commit; a
   * cancelled build's staged nodes change nothing; applying the layers (one block or several at
   * once, storage wipes among them) leaves exactly the head's state in the flat tables, nothing
   * stray; and a database reopened without them (a crash) replays the kept diffs.
   */
  @Test
  void flatTablesTrailTheHeadAndCatchUp() {
    RandomUpdates random = new RandomUpdates(4242);
    InMemoryWorldState reference = new InMemoryWorldState();
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ChainDatabase db = emptyChain(store, 16);
      int applied = 0;
      int reopened = 0;
      for (int block = 0; block < 80; block++) {
        BlockHeader parent = db.headHeader();
        if (block % 10 == 9) { // a cancelled build: only its staged trie nodes were written
          BlockState dropped = db.newBlockState(parent);
          dropped.apply(random.transaction());
          assertTrue(db.stageState(dropped) > 0);
          assertEquals(RandomUpdates.dump(reference), RandomUpdates.dump(db.state().head()));
        }
        BlockState state = db.newBlockState(parent);
        int txs = 1 + random.nextInt(12);
        for (int t = 0; t < txs; t++) {
          List<AccountUpdate> tx = random.transaction();
          reference.apply(tx);
          state.apply(tx);
          if (random.nextInt(3) == 0) {
            db.stageState(state);
          }
        }
        assertEquals(reference.stateRoot(), state.stateRoot(), "root of block " + block);
        db.commitBlock(emptyBlock(parent, state.stateRoot()), List.of(), state);
        Hash root = db.headHeader().stateRoot();
        var dump = RandomUpdates.dump(reference);
        assertEquals(dump, RandomUpdates.dump(db.state().head()), "head reads, block " + block);
        try (ChainView view = db.view()) {
          assertEquals(dump, RandomUpdates.dump(view.headState()), "view, block " + block);
        }
        int lag = db.headLayerCount();
        assertTrue(lag >= 1 && lag <= ChainDatabase.MAX_HEAD_LAYERS, "lag " + lag);
        int pick = random.nextInt(6);
        if (pick < 2) {
          assertEquals(lag, db.applyHeadLayers());
          assertEquals(0, db.headLayerCount());
          assertEquals(root, FlatStateCheck.root(store), "flat-only root, block " + block);
          applied++;
        } else if (pick == 2) {
          db = ChainDatabase.open(store, 16, Durability.PROCESS_CRASH_SAFE);
          assertEquals(0, db.headLayerCount());
          assertEquals(root, FlatStateCheck.root(store), "reopened, block " + block);
          reopened++;
        }
      }
      assertTrue(applied > 5 && reopened > 5, "applied " + applied + ", reopened " + reopened);
      db.applyHeadLayers();
      assertFlatStorageHasNoZeros(store);
    }
  }

  private static void assertFlatStorageHasNoZeros(InMemoryKeyValueStore store) {
    try (KeyValueIterator it = store.iterator(Column.STORAGE, KeyRange.all())) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        assertTrue(!StateCodec.decodeValue(kv.value()).isZero());
      }
    }
  }

  @Test
  void incrementalRootsAgreeWithOneShotRoots() {
    RandomUpdates random = new RandomUpdates(7);
    BlockState incremental = BlockState.empty();
    BlockState oneShot = BlockState.empty();
    for (int t = 0; t < 200; t++) {
      List<AccountUpdate> tx = random.transaction();
      incremental.apply(tx);
      oneShot.apply(tx);
      incremental.stateRoot();
    }
    assertEquals(oneShot.stateRoot(), incremental.stateRoot());
  }

  @Test
  void statelessStateResolvesEverythingFromTheWitness() {
    RandomUpdates random = new RandomUpdates(99);
    InMemoryWorldState reference = new InMemoryWorldState();
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ChainDatabase db = emptyChain(store, 16);
      for (int block = 0; block < 5; block++) {
        BlockHeader parent = db.headHeader();
        BlockState state = db.newBlockState(parent);
        for (int t = 0; t < 20; t++) {
          List<AccountUpdate> tx = random.transaction();
          reference.apply(tx);
          state.apply(tx);
        }
        db.commitBlock(emptyBlock(parent, state.stateRoot()), List.of(), state);
      }
      // Every node and code of the database is a superset of the witness a block needs.
      Map<Hash, byte[]> witness = new HashMap<>();
      for (Column c : List.of(Column.TRIE_NODES, Column.CODE)) {
        try (KeyValueIterator it = store.iterator(c, KeyRange.all())) {
          while (it.hasNext()) {
            KeyValue kv = it.next();
            witness.put(Hash.wrap(kv.key()), kv.value());
          }
        }
      }
      Hash root = db.headHeader().stateRoot();
      BlockState stateless = BlockState.stateless(root, witness);
      assertEquals(RandomUpdates.dump(reference), RandomUpdates.dump(stateless));
      for (int t = 0; t < 30; t++) {
        List<AccountUpdate> tx = random.transaction();
        reference.apply(tx);
        stateless.apply(tx);
      }
      assertEquals(reference.stateRoot(), stateless.stateRoot());
    }
  }

  @Test
  void aWitnessMissingANodeNamesItsHash() {
    BlockState state = BlockState.empty();
    for (int i = 0; i < 64; i++) {
      state.apply(
          List.of(
              new AccountUpdate.Updated(
                  Address.ofLong(i + 1),
                  new AccountState(1, org.apache.tuweni.units.bigints.UInt256.ONE, Hash.EMPTY),
                  Optional.empty(),
                  false,
                  Map.of())));
    }
    Hash root = state.stateRoot();
    Map<Hash, byte[]> witness = new HashMap<>();
    state.forEachNewNode(witness::put);
    Address target = Address.ofLong(17);
    // The deepest node on the target's path referenced by hash.
    Hash missing = null;
    for (byte[] node : state.accountProof(target)) {
      missing = Hash.keccak(node);
    }
    witness.remove(missing);
    BlockState stateless = BlockState.stateless(root, witness);
    MissingStateException e =
        assertThrows(MissingStateException.class, () -> stateless.account(target));
    assertEquals(missing, e.hash());
    assertEquals(MissingStateException.Kind.TRIE_NODE, e.kind());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
