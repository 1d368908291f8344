package io.opal.execution.engine;

import static io.opal.execution.engine.EngineTestChain.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Address;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.storage.Durability;
import io.opal.storage.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dev producer's blocks: L1-info deposit first, the pool's transactions, heads moved. */
class DevBlockProducerTest {
  private static final Address CAROL =
      Address.fromHex("0x00000000000000000000000000000000000ca401");

  private static ExecutionEngine engine(
      InMemoryKeyValueStore store, RollupConfig config, TransactionProvider pool) {
    ChainDatabase db = ChainDatabase.open(store, 16, Durability.PROCESS_CRASH_SAFE);
    EngineTestChain.writeGenesis(db, config, 4);
    return new ExecutionEngine(db, config, pool);
  }

  @ParameterizedTest
  @EnumSource(
      value = OpFork.class,
      names = {"CANYON", "ECOTONE", "HOLOCENE", "ISTHMUS", "JOVIAN"})
  void ticksSealTheFilledBlockAndMoveEveryHead(OpFork fork) throws Exception {
    RollupConfig config = EngineTestChain.config(fork);
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ExecutionEngine engine = engine(store, config, pool);
      List<SealedBlock> sealed = new ArrayList<>();
      try (DevBlockProducer producer =
          new DevBlockProducer(engine, DevBlockProducer.Heads.ALL, sealed::add)) {
        assertTrue(producer.tick().isEmpty(), "the first tick only starts a block");
        pool.add(transfer(0, 0, CAROL, 5, 1));
        pool.add(transfer(1, 0, CAROL, 7, 1));
        assertTrue(producer.currentJob().orElseThrow().awaitFilled(Duration.ofSeconds(10)));
        // The job polls the pool: wait until it has taken both transactions.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (producer.currentJob().orElseThrow().transactionCount() < 3
            && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        SealedBlock one = producer.tick().orElseThrow();
        Block b = one.block();
        assertEquals(3, b.body().transactions().size(), fork.toString());
        DepositTransaction info =
            assertInstanceOf(DepositTransaction.class, b.body().transactions().get(0));
        L1BlockInfo decoded = L1BlockInfo.decode(info.data().toArrayUnsafe());
        assertEquals(DevBlockProducer.FAKE_L1_HASH, decoded.blockHash());
        assertEquals(1, decoded.sequenceNumber());
        assertEquals(L1InfoDeposit.format(config, b.header().timestamp()), decoded.format());
        BlockHeader genesis = engine.header(0).orElseThrow();
        assertEquals(genesis.timestamp() + config.blockTime(), b.header().timestamp());
        assertEquals(one.key(), engine.heads().unsafe());
        assertEquals(one.key(), engine.heads().safe());
        assertEquals(one.key(), engine.heads().finalized());
        assertEquals(List.of(one), sealed);

        SealedBlock two = producer.tick().orElseThrow();
        assertEquals(2, two.block().number());
        assertEquals(1, two.block().body().transactions().size(), "the pool's were included");
      }
    }
  }

  @Test
  void scheduledProductionKeepsGoingOnItsOwnThread() throws Exception {
    RollupConfig config = EngineTestChain.config(OpFork.ISTHMUS);
    EngineTestChain.ListProvider pool = new EngineTestChain.ListProvider();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (InMemoryKeyValueStore store = InMemoryKeyValueStore.create()) {
      ExecutionEngine engine = engine(store, config, pool);
      try (DevBlockProducer producer =
          new DevBlockProducer(engine, DevBlockProducer.Heads.UNSAFE_ONLY, b -> {})) {
        producer.start(scheduler, Duration.ofMillis(50));
        for (int i = 0; i < 4; i++) {
          pool.add(transfer(2, i, CAROL, 1, 1));
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        long startHead = engine.heads().unsafe().number();
        while ((included(engine) < 4 || engine.heads().unsafe().number() < startHead + 3)
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertTrue(engine.heads().unsafe().number() >= startHead + 3, "blocks were produced");
        assertEquals(0, engine.heads().safe().number(), "only the unsafe head moves");
        scheduler.shutdown();
        assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
      }
      assertEquals(4, included(engine), "each pool transaction exactly once");
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Pool transactions in the canonical chain (every block's but the L1-info deposit). */
  private static long included(ExecutionEngine engine) {
    long n = 0;
    for (long b = 1; b <= engine.heads().unsafe().number(); b++) {
      n += engine.block(b).map(x -> x.body().transactions().size() - 1).orElse(0);
    }
    return n;
  }
}
