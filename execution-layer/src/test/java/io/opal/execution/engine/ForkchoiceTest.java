package io.opal.execution.engine;

import static io.opal.execution.engine.EngineChains.build;
import static io.opal.execution.engine.EngineChains.dump;
import static io.opal.execution.engine.EngineChains.transfers;
import static io.opal.execution.engine.EngineTestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.AccountState;
import io.opal.execution.store.ChainHeads;
import io.opal.execution.store.FlatStateCheck;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forkchoice: heads move along stored blocks, reorgs rewind and replay state diffs, listeners see
 * the abandoned and adopted blocks, and bad requests are typed errors that change nothing.
 */
class ForkchoiceTest {
  private static final int HISTORY = 4;

  private InMemoryKeyValueStore store;
  private ExecutionEngine engine;
  private final List<HeadChange> changes = new ArrayList<>();
  private BlockHeader genesis;
  private Block a1;
  private Block a2;
  private Block b1;

  @BeforeEach
  void setUp() throws Exception {
    store = InMemoryKeyValueStore.create();
    engine = EngineChains.engine(store, HISTORY, TransactionProvider.NONE);
    genesis = engine.header(BlockTag.UNSAFE).orElseThrow();
    a1 = build(engine, genesis, 1, transfers(0, 0, 2)).block();
    a2 = build(engine, a1.header(), 1, transfers(0, 2, 2)).block();
    SealedBlock side = build(engine, genesis, 2, transfers(1, 0, 1));
    b1 = side.block();
    engine.addListener(changes::add);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private long nonce(int account) {
    return engine
        .stateAt(BlockTag.UNSAFE)
        .orElseThrow()
        .account(address(account))
        .map(AccountState::nonce)
        .orElse(0L);
  }

  private void assertCanonical(Block... chain) {
    for (Block b : chain) {
      assertEquals(b.hash(), engine.header(b.number()).orElseThrow().hash());
      for (Transaction tx : b.body().transactions()) {
        assertEquals(
            b.hash(), engine.database().chain().txLocation(tx.hash()).orElseThrow().block().hash());
      }
    }
    long top = chain[chain.length - 1].number();
    assertTrue(engine.header(top + 1).isEmpty(), "nothing canonical above the head");
    engine.database().applyHeadLayers();
    assertEquals(
        engine.header(BlockTag.UNSAFE).orElseThrow().stateRoot(), FlatStateCheck.root(store));
  }

  @Test
  void aBlockBuiltOffTheHeadWaitsBesideTheChain() {
    assertEquals(a2.hash(), engine.heads().unsafe().hash());
    assertEquals(b1.hash(), engine.block(b1.hash()).orElseThrow().hash());
    assertCanonical(a1, a2);
  }

  @Test
  void aReorgRewindsReplaysAndTellsListenersWhatChanged() {
    ChainHeads heads = engine.forkchoice(b1.hash(), genesis.hash(), genesis.hash());
    assertEquals(b1.hash(), heads.unsafe().hash());
    assertCanonical(b1);
    for (Transaction tx : a2.body().transactions()) {
      assertTrue(engine.database().chain().txLocation(tx.hash()).isEmpty());
    }
    assertEquals(0, nonce(0));
    assertEquals(1, nonce(1));
    assertEquals(1, changes.size());
    HeadChange c = changes.get(0);
    assertEquals(List.of(a2.hash(), a1.hash()), c.removed().stream().map(Block::hash).toList());
    assertEquals(List.of(b1.hash()), c.added().stream().map(x -> x.block().hash()).toList());
    assertEquals(
        b1.header().receiptsRoot(),
        io.opal.primitives.block.Receipt.receiptsRoot(c.added().get(0).receipts()));

    // And back, then the chain grows on the restored head.
    engine.forkchoice(a2.hash(), a1.hash(), genesis.hash());
    assertCanonical(a1, a2);
    assertEquals(4, nonce(0));
    assertEquals(0, nonce(1));
    assertEquals(a1.hash(), engine.heads().safe().hash());
    assertEquals(
        List.of(a1.hash(), a2.hash()),
        changes.get(1).added().stream().map(x -> x.block().hash()).toList());
  }

  @Test
  void theChainGrowsAfterAReorg() throws Exception {
    engine.forkchoice(b1.hash(), genesis.hash(), genesis.hash());
    Block b2 = build(engine, b1.header(), 3, transfers(1, 1, 3)).block();
    assertEquals(b2.hash(), engine.heads().unsafe().hash());
    assertCanonical(b1, b2);
    assertEquals(4, nonce(1));
  }

  @Test
  void onlySafeAndFinalizedMoveWhenTheUnsafeHeadStays() {
    engine.forkchoice(a2.hash(), a2.hash(), a1.hash());
    assertEquals(
        new ChainHeads(engine.heads().unsafe(), engine.heads().unsafe(), keyOf(a1)),
        engine.heads());
    assertTrue(changes.isEmpty(), "the unsafe head did not move");
  }

  private io.opal.storage.BlockKey keyOf(Block b) {
    return new io.opal.storage.BlockKey(b.number(), b.hash());
  }

  private void assertRefused(EngineException.Kind kind, Hash u, Hash s, Hash f) {
    TreeMap<String, String> before = dump(store);
    ChainHeads heads = engine.heads();
    EngineException e = assertThrows(EngineException.class, () -> engine.forkchoice(u, s, f));
    assertEquals(kind, e.kind(), e.getMessage());
    assertEquals(heads, engine.heads());
    assertEquals(before, dump(store));
    assertTrue(changes.isEmpty());
  }

  @Test
  void unknownBlocksAreRefused() {
    Hash unknown = Hash.keccak(new byte[] {42});
    assertRefused(EngineException.Kind.UNKNOWN_BLOCK, unknown, genesis.hash(), genesis.hash());
    assertRefused(EngineException.Kind.UNKNOWN_BLOCK, a2.hash(), unknown, genesis.hash());
  }

  @Test
  void headsOutOfOrderOrOnAnotherBranchAreRefused() {
    assertRefused(EngineException.Kind.INVALID_FORKCHOICE, a1.hash(), a2.hash(), genesis.hash());
    assertRefused(EngineException.Kind.INVALID_FORKCHOICE, a2.hash(), a1.hash(), a2.hash());
    assertRefused(EngineException.Kind.INVALID_FORKCHOICE, a2.hash(), b1.hash(), genesis.hash());
  }

  @Test
  void abandoningTheFinalizedBlockIsRefused() {
    engine.forkchoice(a2.hash(), a1.hash(), a1.hash());
    assertRefused(EngineException.Kind.FINALIZED_REORG, b1.hash(), genesis.hash(), genesis.hash());
  }

  @Test
  void aReorgDeeperThanTheKeptHistoryIsRefused() throws Exception {
    BlockHeader head = a2.header();
    for (int i = 0; i < HISTORY + 1; i++) {
      head = build(engine, head, 1, transfers(2, i, 1)).block().header();
    }
    changes.clear();
    assertRefused(EngineException.Kind.REORG_TOO_DEEP, b1.hash(), genesis.hash(), genesis.hash());
  }

  @Test
  void movingTheHeadAbortsABuildJobOnIt() throws Exception {
    BuildJob job =
        engine.startBuild(
            a2.hash(),
            EngineTestChain.attributes(EngineChains.CONFIG, a2.header(), false, 5),
            b -> new EngineTestChain.ListSource(transfers(0, 4, 3)));
    engine.forkchoice(b1.hash(), genesis.hash(), genesis.hash());
    EngineException e = assertThrows(EngineException.class, job::seal);
    assertEquals(EngineException.Kind.BUILD_ABORTED, e.kind());
    assertCanonical(b1);
  }

  @Test
  void insertingOnTheHeadAbortsABuildJobOnIt() throws Exception {
    // Another engine builds the competing child of a2 that arrives by gossip.
    InMemoryKeyValueStore other = InMemoryKeyValueStore.create();
    try (other) {
      ExecutionEngine peer = EngineChains.engine(other, HISTORY, TransactionProvider.NONE);
      assertTrue(peer.insert(a1) instanceof InsertResult.Valid);
      assertTrue(peer.insert(a2) instanceof InsertResult.Valid);
      Block gossiped = build(peer, a2.header(), 9, transfers(3, 0, 1)).block();

      BuildJob job =
          engine.startBuild(
              a2.hash(),
              EngineTestChain.attributes(EngineChains.CONFIG, a2.header(), false, 5),
              TransactionProvider.NONE);
      assertEquals(new InsertResult.Valid(keyOf(gossiped), true, false), engine.insert(gossiped));
      assertEquals(
          EngineException.Kind.BUILD_ABORTED,
          assertThrows(EngineException.class, job::seal).kind());
      assertCanonical(a1, a2, gossiped);
    }
  }
}
