package io.opal.execution.engine;

import static io.opal.execution.engine.EngineTestChain.address;
import static io.opal.execution.engine.EngineTestChain.transfer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.op.TxInclusion;
import io.opal.execution.state.AccountState;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.BlockKey;
import io.opal.storage.Durability;
import io.opal.storage.InMemoryKeyValueStore;
import io.opal.storage.TxLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Build, seal, insert and read back blocks through the engine on an in-memory database. */
class ExecutionEngineTest {
  private static final RollupConfig CONFIG = EngineTestChain.config(OpFork.ISTHMUS);
  private static final Address CAROL =
      Address.fromHex("0x00000000000000000000000000000000000ca401");

  private final List<InMemoryKeyValueStore> stores = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(InMemoryKeyValueStore::close);
  }

  private ExecutionEngine engine(RollupConfig config, TransactionProvider pool) {
    InMemoryKeyValueStore store = InMemoryKeyValueStore.create();
    stores.add(store);
    ChainDatabase db = ChainDatabase.open(store, 8, Durability.PROCESS_CRASH_SAFE);
    EngineTestChain.writeGenesis(db, config, 8);
    return new ExecutionEngine(db, config, pool);
  }

  private static SealedBlock buildFull(ExecutionEngine engine, int salt) throws Exception {
    return startFilled(engine, engine.header(BlockTag.UNSAFE).orElseThrow(), salt).seal();
  }

  /** Starts a job on {@code head} filling from the engine's pool and waits for its first pass. */
  private static BuildJob startFilled(ExecutionEngine engine, BlockHeader head, int salt)
      throws InterruptedException {
    BuildJob job =
        engine.startBuild(head.hash(), EngineTestChain.attributes(CONFIG, head, false, salt));
    assertTrue(job.awaitFilled(Duration.ofSeconds(30)));
    return job;
  }

  @Test
  void aSealedBlockIsTheCommittedHeadWithEverythingStored() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    pool.add(transfer(0, 0, CAROL, 1000, 2));
    pool.add(transfer(0, 1, CAROL, 2000, 2));
    pool.add(transfer(1, 0, CAROL, 3000, 5));
    ExecutionEngine engine = engine(CONFIG, pool);
    List<HeadChange> changes = new ArrayList<>();
    engine.addListener(changes::add);

    SealedBlock sealed = buildFull(engine, 1);
    Block block = sealed.block();
    assertEquals(1, block.number());
    assertEquals(4, block.body().transactions().size(), "L1-info deposit + three transfers");
    // In the source's order (the pool's best-first order is the pool's business).
    assertEquals(address(0), block.body().transactions().get(1).sender());
    assertEquals(address(1), block.body().transactions().get(3).sender());
    assertEquals(sealed.key(), engine.heads().unsafe());
    assertEquals(0, engine.heads().safe().number(), "building moves only the unsafe head");
    assertEquals(0, engine.heads().finalized().number());

    // Everything is stored and agrees with the header.
    assertArrayEquals(block.encode(), engine.block(block.hash()).orElseThrow().encode());
    assertArrayEquals(block.encode(), engine.block(1).orElseThrow().encode());
    List<Receipt> receipts = engine.receipts(block.hash()).orElseThrow();
    assertEquals(block.header().receiptsRoot(), Receipt.receiptsRoot(receipts));
    for (int i = 0; i < 4; i++) {
      Transaction tx = block.body().transactions().get(i);
      assertEquals(
          new TxLocation(1, block.hash(), i),
          engine.database().chain().txLocation(tx.hash()).orElseThrow());
    }
    assertEquals(
        UInt256.valueOf(6000),
        engine.stateAt(BlockTag.UNSAFE).orElseThrow().account(CAROL).orElseThrow().balance());
    assertEquals(
        2L, engine.stateAt(block.hash()).orElseThrow().account(address(0)).orElseThrow().nonce());
    assertEquals(
        engine.database().state().at(block.header().stateRoot()).account(CAROL),
        engine.stateAt(block.hash()).orElseThrow().account(CAROL));

    assertEquals(1, changes.size());
    assertEquals(block.hash(), changes.get(0).added().get(0).block().hash());
    assertFalse(changes.get(0).isReorg());
    assertTrue(sealed.sealNanos() >= sealed.commitNanos());
  }

  @Test
  void anotherEngineInsertsABuiltBlockByteForByte() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    for (int i = 0; i < 80; i++) { // several chunks of parallel sender recovery
      pool.add(transfer(i % 4, i / 4, CAROL, 1 + i, 1 + i % 3));
    }
    ExecutionEngine builder = engine(CONFIG, pool);
    ExecutionEngine follower = engine(CONFIG, TransactionProvider.NONE);
    assertEquals(builder.heads(), follower.heads(), "same genesis");
    for (int n = 1; n <= 3; n++) {
      SealedBlock b = buildFull(builder, n);
      // Through the wire encoding, as gossip would deliver it.
      Block received = Block.decode(b.block().encode());
      InsertResult r = follower.insert(received);
      assertEquals(new InsertResult.Valid(b.key(), true, false), r);
      assertArrayEquals(
          builder.block(b.block().hash()).orElseThrow().encode(),
          follower.block(b.block().hash()).orElseThrow().encode());
      assertEquals(builder.receipts(n).orElseThrow(), follower.receipts(n).orElseThrow());
      assertEquals(builder.heads(), follower.heads());
      assertEquals(builder.outputRoot(b.block().hash()), follower.outputRoot(b.block().hash()));
    }
    assertEquals(81, blockTxCount(follower, 1), "every pool transaction and the deposit");
    // A known block is answered without executing it again.
    Block one = follower.block(1).orElseThrow();
    assertEquals(
        new InsertResult.Valid(new BlockKey(1, one.hash()), false, true), follower.insert(one));
  }

  private static int blockTxCount(ExecutionEngine e, long n) {
    return e.block(n).orElseThrow().body().transactions().size();
  }

  @Test
  void skippedPoolTransactionsAreReportedAndTheirSendersStop() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    pool.add(transfer(0, 5, CAROL, 1, 3)); // nonce gap: account 0 is at 0
    pool.add(transfer(0, 6, CAROL, 1, 3)); // its successor must not be tried
    pool.add(transfer(1, 0, CAROL, 1, 1));
    ExecutionEngine engine = engine(CONFIG, pool);
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    BuildJob job = startFilled(engine, head, 1);
    assertEquals(2, job.transactionCount());
    List<SkippedTransaction> skipped = job.skippedTransactions();
    assertEquals(1, skipped.size(), skipped.toString());
    assertEquals(address(0), skipped.get(0).sender());
    assertEquals(TxInclusion.Cause.INVALID, skipped.get(0).cause());
    assertTrue(skipped.get(0).detail().contains("NONCE"), skipped.get(0).detail());
    SealedBlock sealed = job.seal();
    assertEquals(
        address(1), ((SignedTransaction) sealed.block().body().transactions().get(1)).sender());
  }

  @Test
  void noTxPoolBuildsOnlyTheForcedTransactions() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    pool.add(transfer(0, 0, CAROL, 1, 3));
    ExecutionEngine engine = engine(CONFIG, pool);
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    BuildJob job =
        engine.startBuild(head.hash(), EngineTestChain.attributes(CONFIG, head, true, 1));
    assertTrue(job.awaitFilled(Duration.ofSeconds(1)));
    SealedBlock sealed = job.seal();
    assertEquals(1, sealed.block().body().transactions().size());
  }

  @Test
  void theOutputRootCommitsToStateRootMessagePasserAndHash() throws Exception {
    ExecutionEngine engine = engine(CONFIG, TransactionProvider.NONE);
    SealedBlock b = buildFull(engine, 1);
    BlockHeader h = b.block().header();
    // From Isthmus the header's withdrawalsRoot is the L2ToL1MessagePasser storage root.
    byte[] pre = new byte[128];
    System.arraycopy(h.stateRoot().toArray(), 0, pre, 32, 32);
    System.arraycopy(h.withdrawalsRoot().orElseThrow().toArray(), 0, pre, 64, 32);
    System.arraycopy(h.hash().toArray(), 0, pre, 96, 32);
    assertEquals(Hash.keccak(pre), engine.outputRoot(h.hash()).orElseThrow());
    assertTrue(engine.outputRoot(Hash.keccak(new byte[] {1})).isEmpty());
  }

  @Test
  void readsByTagFollowTheHeads() throws Exception {
    ExecutionEngine engine = engine(CONFIG, TransactionProvider.NONE);
    Hash genesis = engine.header(BlockTag.EARLIEST).orElseThrow().hash();
    SealedBlock one = buildFull(engine, 1);
    SealedBlock two = buildFull(engine, 2);
    engine.forkchoice(two.key().hash(), one.key().hash(), genesis);
    assertEquals(two.key().hash(), engine.header(BlockTag.UNSAFE).orElseThrow().hash());
    assertEquals(one.key().hash(), engine.header(BlockTag.SAFE).orElseThrow().hash());
    assertEquals(genesis, engine.header(BlockTag.FINALIZED).orElseThrow().hash());
    assertEquals(0, engine.header(BlockTag.EARLIEST).orElseThrow().number());
    AccountState a = engine.stateAt(BlockTag.SAFE).orElseThrow().account(address(0)).orElseThrow();
    assertEquals(0, a.nonce());
  }

  @Test
  void listenersHearEveryHeadInOrderAndAFailingOneStopsNoOther() throws Exception {
    ExecutionEngine engine = engine(CONFIG, TransactionProvider.NONE);
    List<String> heard = new ArrayList<>();
    engine.addListener(c -> heard.add("a" + c.added().get(c.added().size() - 1).block().number()));
    engine.addListener(
        c -> {
          throw new IllegalStateException("a broken listener");
        });
    engine.addListener(c -> heard.add("b" + c.heads().unsafe().number()));
    for (int i = 1; i <= 3; i++) {
      buildFull(engine, i);
    }
    assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), heard);
  }

  /** The keys of the trie-node column, as hex (a snapshot for before/after comparisons). */
  private static java.util.Set<String> trieNodeKeys(ExecutionEngine engine) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    try (io.opal.storage.KeyValueIterator it =
        engine
            .database()
            .store()
            .iterator(io.opal.storage.Column.TRIE_NODES, io.opal.storage.KeyRange.all())) {
      while (it.hasNext()) {
        keys.add(io.opal.primitives.Hex.encode(it.next().key()));
      }
    }
    return keys;
  }

  @Test
  void aFilledJobWritesItsTrieNodesBeforeSealAndSealingReusesThem() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    pool.add(transfer(0, 0, CAROL, 1000, 2));
    pool.add(transfer(1, 0, CAROL, 2000, 2));
    ExecutionEngine engine = engine(CONFIG, pool);
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    java.util.Set<String> before = trieNodeKeys(engine);

    BuildJob job = startFilled(engine, head, 1);
    java.util.Set<String> staged = trieNodeKeys(engine);
    assertEquals(head.hash(), engine.heads().unsafe().hash(), "staging moves no head");
    assertTrue(staged.size() > before.size(), "the idle job wrote its new nodes");

    SealedBlock sealed = job.seal();
    assertTrue(
        sealed.preparedAhead(), "nothing came after the filler idled: its batch was written");
    Hash root = sealed.block().header().stateRoot();
    assertTrue(
        staged.contains(io.opal.primitives.Hex.encode(root.toArray())),
        "the block's state root node was written before seal");
    assertEquals(staged, trieNodeKeys(engine), "nothing changed since staging: seal wrote none");
    // The state reads back through the trie (not only the flat tables), account and balance.
    assertEquals(
        UInt256.valueOf(3000),
        engine.database().state().at(root).account(CAROL).orElseThrow().balance());
  }

  /**
   * A commit prepared while the job idled names the heads of that moment: when the safe head moves
   * before the seal, the prepared batch is dropped and the block committed afresh, keeping the new
   * safe head.
   */
  @Test
  void aCommitPreparedBeforeTheSafeHeadMovedIsPreparedAgain() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    pool.add(transfer(0, 0, CAROL, 1000, 2));
    ExecutionEngine engine = engine(CONFIG, pool);
    SealedBlock first = buildFull(engine, 1);
    pool.add(transfer(0, 1, CAROL, 2000, 2));
    BlockHeader head = first.block().header();
    BuildJob job = startFilled(engine, head, 2);
    engine.forkchoice(head.hash(), head.hash(), engine.heads().finalized().hash());

    SealedBlock sealed = job.seal();
    assertFalse(sealed.preparedAhead());
    assertEquals(2, sealed.block().body().transactions().size());
    assertEquals(sealed.key(), engine.heads().unsafe());
    assertEquals(first.key(), engine.heads().safe(), "the stale batch's heads were not written");
    assertEquals(
        UInt256.valueOf(3000),
        engine.stateAt(BlockTag.UNSAFE).orElseThrow().account(CAROL).orElseThrow().balance());
  }

  /**
   * A transaction arriving after the job prepared its commit is included, and the block sealed
   * holds it (the prepared batch of the smaller block is never written).
   */
  @Test
  void aTransactionAfterTheIdlePreparationIsInTheSealedBlock() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    pool.add(transfer(0, 0, CAROL, 1000, 2));
    ExecutionEngine engine = engine(CONFIG, pool);
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    BuildJob job = startFilled(engine, head, 1);
    assertEquals(2, job.transactionCount());
    pool.add(transfer(1, 0, CAROL, 2000, 2));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (job.transactionCount() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(3, job.transactionCount(), "the filler took the late transaction");

    SealedBlock sealed = job.seal();
    assertEquals(3, sealed.block().body().transactions().size());
    assertEquals(sealed.key(), engine.heads().unsafe());
    assertArrayEquals(
        sealed.block().encode(), engine.block(sealed.key().hash()).orElseThrow().encode());
    assertEquals(
        UInt256.valueOf(3000),
        engine.stateAt(BlockTag.UNSAFE).orElseThrow().account(CAROL).orElseThrow().balance());
    engine.database().applyHeadLayers();
    assertEquals(
        sealed.block().header().stateRoot(),
        io.opal.execution.store.FlatStateCheck.root(engine.database().store()));
  }

  @Test
  void aCancelledJobsStagedNodesLeaveTheChainAsItWas() throws Exception {
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    pool.add(transfer(0, 0, CAROL, 1000, 2));
    ExecutionEngine engine = engine(CONFIG, pool);
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    int before = trieNodeKeys(engine).size();
    BuildJob job = startFilled(engine, head, 1);
    job.cancel();
    assertTrue(trieNodeKeys(engine).size() > before, "the job had staged nodes");
    assertEquals(head.hash(), engine.heads().unsafe().hash());
    assertTrue(engine.stateAt(BlockTag.UNSAFE).orElseThrow().account(CAROL).isEmpty());

    // The same transaction in the next job: the same block, sealed normally on the old head.
    SealedBlock sealed = buildFull(engine, 1);
    assertEquals(1, sealed.block().number());
    assertEquals(
        UInt256.valueOf(1000),
        engine.stateAt(BlockTag.UNSAFE).orElseThrow().account(CAROL).orElseThrow().balance());
  }

  @Test
  void startingABuildCancelsTheOpenOne() throws Exception {
    ExecutionEngine engine = engine(CONFIG, TransactionProvider.NONE);
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    BuildJob first =
        engine.startBuild(head.hash(), EngineTestChain.attributes(CONFIG, head, false, 1));
    BuildJob second =
        engine.startBuild(head.hash(), EngineTestChain.attributes(CONFIG, head, false, 2));
    assertFalse(first.isBuilding());
    EngineException e =
        org.junit.jupiter.api.Assertions.assertThrows(EngineException.class, first::seal);
    assertEquals(EngineException.Kind.BUILD_ABORTED, e.kind());
    assertEquals(second.seal().key(), engine.heads().unsafe());
    assertEquals(1, engine.heads().unsafe().number());
  }

  @Test
  void unknownParentsAndBadAttributesAreTypedErrors() {
    ExecutionEngine engine = engine(CONFIG, TransactionProvider.NONE);
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    var attributes = EngineTestChain.attributes(CONFIG, head, false, 1);
    EngineException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            EngineException.class,
            () -> engine.startBuild(Hash.keccak(new byte[] {5}), attributes));
    assertEquals(EngineException.Kind.UNKNOWN_BLOCK, unknown.kind());
    var stale =
        new io.opal.execution.op.OpPayloadAttributes(
            head.timestamp(), // not after the parent's
            attributes.prevRandao(),
            attributes.suggestedFeeRecipient(),
            attributes.parentBeaconBlockRoot(),
            attributes.transactions(),
            false,
            attributes.gasLimit(),
            attributes.eip1559Params(),
            attributes.minBaseFee());
    EngineException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            EngineException.class, () -> engine.startBuild(head.hash(), stale));
    assertEquals(EngineException.Kind.INVALID_ATTRIBUTES, bad.kind());
    assertEquals(0, engine.heads().unsafe().number());
  }
}
