package io.opal.execution.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.OpBlockExecutor;
import io.opal.execution.op.TransactionSource;
import io.opal.execution.op.replay.OpExecutionFixture;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.EncodedItems;
import io.opal.primitives.testing.Fixtures;
import io.opal.storage.BlockKey;
import io.opal.storage.Column;
import io.opal.storage.InMemoryKeyValueStore;
import io.opal.storage.WriteBatch;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real OP Sepolia blocks (the op-execution fixtures) built by the OP block executor on this
 * package's states: statelessly from the witness, and from a database holding the witness's nodes
 * (the path of a block executed off the head), then committed and read back. Each must give the
 * real block's hash: state root, receipts and all.
 */
class RealBlocksTest {
  private static final Address L1_BLOCK =
      Address.fromHex("0x4200000000000000000000000000000000000015");

  @TestFactory
  Stream<DynamicTest> opSepoliaBlocks() {
    return Fixtures.jsonFiles("op-execution").stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws Exception {
    OpExecutionFixture f = OpExecutionFixture.load(file);
    Hash parentRoot = f.parent().stateRoot();

    ExecutedBlock stateless = build(f, BlockState.stateless(parentRoot, f.witness()));
    assertEquals(f.expectedBlockHash(), stateless.hash(), "stateless");
    // The items the builder encoded as it included each transaction store the same bytes.
    EncodedItems items = stateless.encoded().orElseThrow();
    assertArrayEquals(stateless.block().body().encode(), stateless.block().body().encode(items));
    assertArrayEquals(
        ChainStore.encodeReceipts(stateless.receipts()), ChainStore.encodeReceipts(items));

    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      try (WriteBatch batch = store.newBatch()) {
        for (Map.Entry<Hash, byte[]> e : f.witness().entrySet()) {
          // Trie nodes and code share the witness; the database keeps each in its own column.
          batch.put(Column.TRIE_NODES, e.getKey().toArray(), e.getValue());
          batch.put(Column.CODE, e.getKey().toArray(), e.getValue());
        }
        batch.commit();
      }
      WorldStateStore states = new WorldStateStore(store, 8);
      BlockState onDatabase = states.on(parentRoot);
      ExecutedBlock built = build(f, onDatabase);
      assertEquals(f.expectedBlockHash(), built.hash(), "on the database");
      BlockKey key = new BlockKey(built.block().number(), built.hash());
      StateDiff diff;
      try (WriteBatch batch = store.newBatch()) {
        diff = states.write(batch, onDatabase, key);
        batch.commit();
      }
      Hash root = built.block().header().stateRoot();
      assertEquals(root, diff.stateRoot());
      assertEquals(parentRoot, diff.parentStateRoot());
      assertEquals(root, states.diff(key).orElseThrow().stateRoot());
      // The committed state reads back through its trie as the diff says the block left it.
      TrieStateReader after = states.at(root);
      assertEquals(onDatabase.account(L1_BLOCK), after.account(L1_BLOCK));
      for (StateDiff.AccountChange a : diff.accounts()) {
        assertEquals(
            a.after().map(StoredAccount::decodeSlim), after.storedAccount(a.accountHash()));
      }
      for (StateDiff.SlotChange sc : diff.slots()) {
        StoredAccount account = after.storedAccount(sc.accountHash()).orElseThrow();
        assertEquals(
            sc.after().map(StateCodec::decodeValue).orElse(Word256.ZERO),
            after.storageValue(sc.accountHash(), account, sc.slotHash()));
      }
      assertTrue(!diff.slots().isEmpty() && !diff.accounts().isEmpty());
    }
  }

  private static ExecutedBlock build(OpExecutionFixture f, BlockState state) throws Exception {
    BlockHashLookup ancestors =
        n -> n == f.parent().number() - 1 ? f.parent().parentHash() : Hash.ZERO;
    return new OpBlockExecutor(f.config(), new CodeCache(1024))
        .build(f.parent(), state, f.attributes(), TransactionSource.EMPTY, ancestors);
  }
}
