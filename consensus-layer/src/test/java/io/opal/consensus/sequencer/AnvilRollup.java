package io.opal.consensus.sequencer;

import io.opal.consensus.contracts.OpContracts;
import io.opal.consensus.devnet.genesis.DevnetL2Params;
import io.opal.consensus.devnet.genesis.DevnetRollupConfig;
import io.opal.consensus.devnet.genesis.L2Genesis;
import io.opal.consensus.devnet.genesis.L2GenesisBuilder;
import io.opal.consensus.devnet.l1.DevnetL1Params;
import io.opal.consensus.devnet.l1.L1Deployment;
import io.opal.consensus.devnet.l1.OpContractsDeployer;
import io.opal.consensus.l1.Anvil;
import io.opal.consensus.l1.JsonRpcL1Client;
import io.opal.consensus.l1.L1ClientConfig;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.engine.TransactionProvider;
import io.opal.execution.genesis.GenesisBlock;
import io.opal.execution.genesis.GenesisFile;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.RollupConfig;
import io.opal.storage.InMemoryKeyValueStore;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Assumptions;

/**
 * A rollup on a real anvil for the sequencer's acceptance tests: the OP contracts deployed on it,
 * then one L1 block a second; an L2 genesis and rollup config naming that deployment; a real engine
 * on an in-memory store; the sequencer running on its own driver thread. Skips the test when anvil
 * or the contract artifacts are not installed.
 */
final class AnvilRollup implements AutoCloseable {
  final OpContracts artifacts;
  final Vertx vertx = Vertx.vertx();
  final ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
  final Anvil anvil;
  final JsonRpcL1Client l1;
  final InMemoryKeyValueStore store = InMemoryKeyValueStore.create();
  final L1Deployment deployment;
  final RollupConfig rollup;
  final ExecutionEngine engine;
  final Sequencer sequencer;

  AnvilRollup() {
    artifacts = OpContracts.load().orElse(null);
    Assumptions.assumeTrue(artifacts != null, "OP contract artifacts not built (npm missing)");
    Assumptions.assumeTrue(Anvil.binary().isPresent(), "anvil not installed (npm missing)");
    anvil = Anvil.start(Anvil.freePort());
    l1 = JsonRpcL1Client.connect(vertx, anvil.http(), L1ClientConfig.DEFAULT);
    deployment =
        new OpContractsDeployer(
                l1,
                artifacts,
                TaskScheduler.vertx(vertx),
                Duration.ofMillis(50),
                Duration.ofSeconds(60))
            .deploy(DevnetL1Params.defaults(Anvil.DEV_KEYS.get(0)));
    anvil.rpc("evm_setIntervalMining", 1); // L1 blocks every second from now on

    DevnetL2Params params =
        DevnetL2Params.builder(
                new BlockId(deployment.startBlock().hash(), deployment.startBlock().number()),
                deployment.l2GenesisTime(),
                deployment.l2GenesisAddresses())
            .l1ChainId(deployment.l1ChainId())
            .build();
    L2Genesis genesis = L2GenesisBuilder.build(params);
    rollup = DevnetRollupConfig.of(genesis);
    ChainDatabase db = ChainDatabase.open(store);
    GenesisBlock g =
        GenesisBlock.build(GenesisFile.parse(genesis.toJson(), "anvil genesis"), rollup, "t");
    db.writeGenesis(g.block(), g.state(), "{}".getBytes());
    engine = new ExecutionEngine(db, rollup, TransactionProvider.NONE);
    sequencer =
        new Sequencer(
            engine,
            l1,
            SequencerConfig.defaults().withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
            InstantSource.system());
  }

  @Override
  public void close() {
    sequencer.close();
    driver.shutdownNow();
    l1.close();
    anvil.close();
    store.close();
    vertx.close().await();
  }
}
