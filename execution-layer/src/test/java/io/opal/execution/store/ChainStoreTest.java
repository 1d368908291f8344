package io.opal.execution.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.BlockKey;
import io.opal.storage.Durability;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import io.opal.storage.RocksDbSettings;
import io.opal.storage.TxLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks of real signed transfers executed and committed to RocksDB, then read back by hash and
 * number, receipts by block, transactions by hash; the reopened database has the same heads and the
 * head's state. A view keeps its moment while blocks commit and their layers are written.
 */
class ChainStoreTest {
  static final RocksDbSettings SMALL = new RocksDbSettings(8L << 20, 4L << 20, 8L << 20, 2);

  @TempDir Path dir;

  @Test
  void blocksReceiptsAndTransactionsReadBackAfterReopening() {
    List<SyntheticChain.Imported> imported = new ArrayList<>();
    Hash headRoot;
    try (KeyValueStore store = RocksDbKeyValueStore.open(dir, SMALL)) {
      ChainDatabase db = ChainDatabase.open(store);
      SyntheticChain chain = SyntheticChain.create(db, 8, Map.of());
      for (int b = 0; b < 4; b++) {
        imported.add(chain.importBlock(chain.transfers(5 + b, b)));
      }
      headRoot = db.headHeader().stateRoot();
      // Their flat state and lookups are still layers in memory (no build job idled to write
      // them): read through those, then lost with the process and replayed on reopening.
      assertEquals(4, db.headLayerCount());
      assertReadable(db, imported);
    }
    try (KeyValueStore store = RocksDbKeyValueStore.open(dir, SMALL)) {
      ChainDatabase db = ChainDatabase.open(store);
      assertEquals(0, db.headLayerCount());
      Block last = imported.get(imported.size() - 1).block();
      BlockKey genesis = new BlockKey(0, db.chain().canonicalHash(0).orElseThrow());
      assertEquals(genesis, db.heads().orElseThrow().finalized());
      assertEquals(genesis, db.heads().orElseThrow().safe());
      assertEquals(new BlockKey(4, last.hash()), db.heads().orElseThrow().unsafe());
      assertEquals(headRoot, db.headHeader().stateRoot());
      assertReadable(db, imported);
      // Nonces and balances of the head state: 5+6+7+8 transfers from 8 senders, round-robin.
      SyntheticChain reopened = SyntheticChain.open(db, 8);
      long sent = 0;
      for (int i = 0; i < 8; i++) {
        sent += db.state().head().account(SyntheticChain.address(i)).orElseThrow().nonce();
      }
      assertEquals(26, sent);
      // The chain continues from the reopened head.
      SyntheticChain.Imported next = reopened.importBlock(reopened.transfers(3, 0));
      assertEquals(5, next.block().number());
    }
  }

  private static void assertReadable(ChainDatabase db, List<SyntheticChain.Imported> imported) {
    ChainStore chain = db.chain();
    for (SyntheticChain.Imported imp : imported) {
      Block block = imp.block();
      Hash hash = block.hash();
      assertArrayEquals(block.encode(), chain.block(hash).orElseThrow().encode());
      assertArrayEquals(
          block.encode(), chain.canonicalBlock(block.number()).orElseThrow().encode());
      List<Receipt> receipts = chain.receipts(hash).orElseThrow();
      assertEquals(imp.receipts().size(), receipts.size());
      for (int i = 0; i < receipts.size(); i++) {
        assertArrayEquals(imp.receipts().get(i).encode(), receipts.get(i).encode());
        assertEquals(21_000L * (i + 1), receipts.get(i).cumulativeGasUsed());
      }
      assertEquals(block.header().receiptsRoot(), Receipt.receiptsRoot(receipts));
      List<Transaction> txs = block.body().transactions();
      for (int i = 0; i < txs.size(); i++) {
        LocatedTransaction found = chain.transaction(txs.get(i).hash()).orElseThrow();
        assertEquals(new TxLocation(block.number(), hash, i), found.location());
        assertEquals(txs.get(i).hash(), found.transaction().hash());
      }
    }
    assertTrue(chain.transaction(Hash.ZERO).isEmpty());
    assertTrue(chain.block(Hash.ZERO).isEmpty());
  }

  @Test
  void aViewStaysConsistentWhileBlocksCommit() {
    try (KeyValueStore store = RocksDbKeyValueStore.open(dir, SMALL)) {
      ChainDatabase db = ChainDatabase.open(store);
      SyntheticChain chain = SyntheticChain.create(db, 4, Map.of());
      chain.importBlock(chain.transfers(4, 0));
      Address sender = SyntheticChain.address(0);
      try (ChainView view = db.view()) {
        ChainHeads before = view.heads().orElseThrow();
        long nonceBefore = view.headState().account(sender).orElseThrow().nonce();
        byte[] progress = {1, 2, 3};
        SyntheticChain.Built next = chain.build(chain.transfers(4, 0));
        db.commitBlock(
            next.block(),
            next.receipts(),
            next.state(),
            batch -> batch.put(io.opal.storage.Column.BATCHER, new byte[] {9}, progress));
        Hash newTx = next.block().body().transactions().get(0).hash();
        assertEquals(2, db.chain().txLocation(newTx).orElseThrow().blockNumber());
        // The new head's state and lookups reach their tables under the open view.
        assertEquals(2, db.applyHeadLayers());
        assertEquals(2, db.chain().txLocation(newTx).orElseThrow().blockNumber());
        // The live chain moved; the view did not.
        assertTrue(view.chain().txLocation(newTx).isEmpty());
        assertEquals(2, db.heads().orElseThrow().unsafe().number());
        assertEquals(nonceBefore + 1, db.state().head().account(sender).orElseThrow().nonce());
        assertEquals(before, view.heads().orElseThrow());
        assertEquals(nonceBefore, view.headState().account(sender).orElseThrow().nonce());
        assertEquals(
            nonceBefore,
            view.stateAt(before.unsafe().hash())
                .orElseThrow()
                .account(sender)
                .orElseThrow()
                .nonce());
        assertTrue(view.chain().canonicalHash(2).isEmpty());
        assertArrayEquals(
            progress, store.get(io.opal.storage.Column.BATCHER, new byte[] {9}).orElseThrow());
      }
    }
  }

  @Test
  void aBlockWhoseHeaderDisagreesWithItsStateIsRefused() {
    try (KeyValueStore store = RocksDbKeyValueStore.open(dir, SMALL)) {
      ChainDatabase db = ChainDatabase.open(store, 16, Durability.PROCESS_CRASH_SAFE);
      SyntheticChain.create(db, 2, Map.of());
      BlockState state = db.newBlockState(db.headHeader());
      state.apply(
          List.of(new io.opal.execution.state.AccountUpdate.Deleted(SyntheticChain.address(0))));
      Block wrong = BlockStateTest.emptyBlock(db.headHeader(), Hash.EMPTY_TRIE);
      ChainStateException e =
          assertThrows(ChainStateException.class, () -> db.commitBlock(wrong, List.of(), state));
      assertTrue(e.getMessage().contains("state root"), e.getMessage());
      assertEquals(0, db.heads().orElseThrow().unsafe().number());
      assertTrue(db.chain().block(wrong.hash()).isEmpty(), "nothing was written");
      assertTrue(db.state().head().account(SyntheticChain.address(0)).isPresent());
      Address unknown = Address.ofLong(12345);
      assertTrue(db.state().head().account(unknown).isEmpty());
      assertEquals(
          UInt256.valueOf(10).pow(24),
          db.state().head().account(SyntheticChain.address(1)).orElseThrow().balance());
    }
  }
}
