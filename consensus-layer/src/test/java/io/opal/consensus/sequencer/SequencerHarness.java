package io.opal.consensus.sequencer;

import io.opal.consensus.devnet.genesis.DevnetL2Params;
import io.opal.consensus.devnet.genesis.DevnetRollupConfig;
import io.opal.consensus.devnet.genesis.L2Genesis;
import io.opal.consensus.devnet.genesis.L2GenesisBuilder;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.engine.TransactionProvider;
import io.opal.execution.genesis.GenesisBlock;
import io.opal.execution.genesis.GenesisFile;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Address;
import io.opal.primitives.block.Block;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.RollupConfig;
import io.opal.storage.InMemoryKeyValueStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A devnet L2 chain (the real genesis builder, every fork through Jovian) in an in-memory store, a
 * real engine on it, a scripted L1 and a clock the test moves: the sequencer's unit-test bench.
 */
final class SequencerHarness implements AutoCloseable {
  static final Address PORTAL = Address.fromHex("0x00000000000000000000000000000000000000aa");
  static final Address SYSTEM_CONFIG =
      Address.fromHex("0x00000000000000000000000000000000000000bb");
  static final long L1_GENESIS_TIME = 1_700_000_000L;

  /** A clock tests move by hand. */
  static final class TestClock implements InstantSource {
    long millis;

    TestClock(long millis) {
      this.millis = millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }

  private static L2Genesis cachedGenesis;
  private static long cachedOffset = -1;

  final ScriptedL1 l1;
  final InMemoryKeyValueStore store;
  final ChainDatabase db;
  final RollupConfig rollup;
  final ExecutionEngine engine;
  final TestClock clock;
  final List<SequencedBlock> sealed = new ArrayList<>();
  Sequencer sequencer;

  /**
   * @param l2Offset seconds from the L1 genesis to the L2 genesis (1800 puts the chain at the edge
   *     of Fjord's max sequencer drift)
   */
  SequencerHarness(long l2Offset, TransactionProvider pool) {
    l1 = new ScriptedL1(L1_GENESIS_TIME);
    L2Genesis genesis = genesis(l1, l2Offset);
    rollup = DevnetRollupConfig.of(genesis);
    store = InMemoryKeyValueStore.create();
    db = ChainDatabase.open(store);
    GenesisBlock g =
        GenesisBlock.build(GenesisFile.parse(genesis.toJson(), "test genesis"), rollup, "test");
    db.writeGenesis(g.block(), g.state(), "{}".getBytes());
    engine = new ExecutionEngine(db, rollup, pool);
    clock = new TestClock(rollup.genesisTime() * 1000);
    sequencer = newSequencer(SequencerConfig.defaults());
  }

  /** The genesis depends only on the L1 genesis (fixed) and the offset: built once per offset. */
  private static synchronized L2Genesis genesis(ScriptedL1 l1, long offset) {
    if (cachedOffset != offset) {
      DevnetL2Params params =
          DevnetL2Params.builder(
                  new BlockId(l1.genesis().hash(), 0),
                  L1_GENESIS_TIME + offset,
                  new DevnetL2Params.L1Addresses(
                      PORTAL,
                      SYSTEM_CONFIG,
                      Address.ZERO,
                      Address.ZERO,
                      Address.ZERO,
                      Address.ZERO,
                      Address.ZERO,
                      Address.ZERO))
              .build();
      cachedGenesis = L2GenesisBuilder.build(params);
      cachedOffset = offset;
    }
    return cachedGenesis;
  }

  Sequencer newSequencer(SequencerConfig config) {
    // Reads made ahead run inline: a step then does all its work before it returns.
    Sequencer s = new Sequencer(engine, l1, config, clock, Runnable::run);
    s.addListener(sealed::add);
    return s;
  }

  /** Steps the sequencer, moving the clock as it asks, until {@code blocks} more are sealed. */
  void runBlocks(int blocks) {
    int target = sealed.size() + blocks;
    for (int i = 0; sealed.size() < target; i++) {
      if (i > 20 * blocks + 100) {
        throw new AssertionError(
            "the sequencer sealed " + sealed.size() + " of " + target + " blocks");
      }
      long wait = sequencer.step();
      clock.millis += Math.max(wait, 1);
    }
  }

  Block head() {
    return engine.block(engine.heads().unsafe().hash()).orElseThrow();
  }

  SequencedBlock last() {
    return sealed.getLast();
  }

  @Override
  public void close() {
    sequencer.close();
    store.close();
  }
}
