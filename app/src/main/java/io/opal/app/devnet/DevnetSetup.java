package io.opal.app.devnet;

import io.opal.consensus.contracts.OpContracts;
import io.opal.consensus.devnet.genesis.DevnetFiles;
import io.opal.consensus.devnet.genesis.DevnetL2Params;
import io.opal.consensus.devnet.genesis.DevnetManifest;
import io.opal.consensus.devnet.genesis.DevnetRollupConfig;
import io.opal.consensus.devnet.genesis.L2Genesis;
import io.opal.consensus.devnet.genesis.L2GenesisBuilder;
import io.opal.consensus.devnet.genesis.RollupJson;
import io.opal.consensus.devnet.l1.DevnetL1Params;
import io.opal.consensus.devnet.l1.L1Deployment;
import io.opal.consensus.devnet.l1.OpContractsDeployer;
import io.opal.consensus.l1.L1Client;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.execution.genesis.ChainInitializer;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.crypto.DevAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The devnet's chain files. On the first start of a data directory: deploys the OP L1 contracts on
 * the given L1 (as op-deployer would), generates the L2 genesis naming them (every fork through
 * Jovian active at genesis, the test mnemonic's accounts prefunded) and its rollup config, writes
 * {@code genesis.json} and {@code rollup.json}, and initialises the L2 database. Later starts find
 * the files and reuse them, so the devnet resumes the same chain. {@code devnet.json} is rewritten
 * on every start with the endpoints of that run ({@link #writeManifest}).
 */
public final class DevnetSetup {
  /** The dev accounts' roles: index 0 deploys and owns, the others as op-devnets assign them. */
  static final int DEPLOYER = 0;

  static final int SEQUENCER = 1;
  static final int BATCHER = 2;
  static final int PROPOSER = 3;
  static final int CHALLENGER = 4;

  /** Where the L1 contracts of a first start went; what the L2 genesis was built on. */
  private static final String DEPLOYMENT_FILE = "l1-deployment.json";

  private DevnetSetup() {}

  /** The result: the initialised L2 chain and the L1 contracts it names. */
  public record Chain(ChainInitializer.Result init, Map<String, Address> l1Contracts) {
    public RollupConfig config() {
      return init.config();
    }
  }

  /**
   * Prepares {@code datadir} against the L1 of {@code l1}: reuses its files when present, else
   * deploys and generates them.
   *
   * @param blockTime seconds between L2 blocks (only used on the first start)
   * @param deployTimeout how long each deployment round may wait for its receipts
   */
  public static Chain prepare(
      Path datadir,
      L1Client l1,
      TaskScheduler scheduler,
      long blockTime,
      Duration deployTimeout,
      System.Logger log) {
    try {
      Files.createDirectories(datadir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + datadir, e);
    }
    Path genesisFile = datadir.resolve(DevnetFiles.GENESIS_JSON);
    Path rollupFile = datadir.resolve(DevnetFiles.ROLLUP_JSON);
    Path deploymentFile = datadir.resolve(DEPLOYMENT_FILE);
    long l1ChainId = l1.chainId().join();
    if (!Files.isRegularFile(rollupFile) || !Files.isRegularFile(genesisFile)) {
      List<DevAccounts.DevAccount> dev = DevAccounts.standard(10);
      DevnetL1Params params =
          DevnetL1Params.defaults(dev.get(DEPLOYER).privateKey())
              .withRoles(
                  dev.get(BATCHER).address(),
                  dev.get(SEQUENCER).address(),
                  dev.get(PROPOSER).address(),
                  dev.get(CHALLENGER).address())
              .withL2Timing(blockTime, OptionalLong.empty());
      log.log(
          System.Logger.Level.INFO,
          "Deploying the OP L1 contracts to {0} (chain {1})",
          l1.endpoint(),
          Long.toString(l1ChainId));
      L1Deployment d =
          new OpContractsDeployer(
                  l1, OpContracts.bundled(), scheduler, Duration.ofMillis(100), deployTimeout)
              .deploy(params);
      DevnetL2Params l2 =
          DevnetL2Params.builder(
                  new BlockId(d.startBlock().hash(), d.startBlock().number()),
                  d.l2GenesisTime(),
                  d.l2GenesisAddresses())
              .l1ChainId(l1ChainId)
              .l2ChainId(params.l2ChainId())
              .blockTime(blockTime)
              .gasLimit(params.gasLimit())
              .batcher(dev.get(BATCHER).address())
              .build();
      L2Genesis genesis = L2GenesisBuilder.build(l2);
      RollupConfig rollup = DevnetRollupConfig.of(genesis);
      DevnetFiles.writeAtomically(
          deploymentFile, manifest(d.addresses(), "", "", "", l1ChainId, rollup, Hash.ZERO));
      DevnetFiles.writeAtomically(genesisFile, genesis.toJson());
      // rollup.json last: its presence marks a complete set
      DevnetFiles.writeAtomically(rollupFile, RollupJson.write(rollup, Optional.of(l2.fees())));
    }
    ChainInitializer.Result init = ChainInitializer.initialize(datadir, genesisFile, rollupFile);
    if (init.config().l1ChainId() != l1ChainId) {
      throw new IllegalArgumentException(
          "the devnet in "
              + datadir
              + " was set up on L1 chain "
              + init.config().l1ChainId()
              + ", but "
              + l1.endpoint()
              + " is chain "
              + l1ChainId
              + ": use another --datadir");
    }
    Map<String, Address> contracts = Map.of();
    if (Files.isRegularFile(deploymentFile)) {
      try {
        contracts =
            DevnetManifest.fromJson(Files.readString(deploymentFile), deploymentFile.toString())
                .l1Contracts();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + deploymentFile, e);
      }
    }
    return new Chain(init, contracts);
  }

  /** Writes {@code devnet.json}: what a user needs to talk to this run of the devnet. */
  public static Path writeManifest(
      Path datadir, Chain chain, String l1RpcUrl, String l2RpcUrl, String adminRpcUrl) {
    RollupConfig c = chain.config();
    return DevnetFiles.writeAtomically(
        datadir.resolve(DevnetFiles.DEVNET_JSON),
        manifest(
            chain.l1Contracts(),
            l1RpcUrl,
            l2RpcUrl,
            adminRpcUrl,
            c.l1ChainId(),
            c,
            chain.init().genesis().hash()));
  }

  private static String manifest(
      Map<String, Address> contracts,
      String l1Url,
      String l2Url,
      String adminUrl,
      long l1ChainId,
      RollupConfig rollup,
      Hash genesisHash) {
    return new DevnetManifest(
            l1Url,
            l2Url,
            adminUrl,
            l1ChainId,
            rollup.l2ChainId(),
            genesisHash,
            contracts,
            DevAccounts.TEST_MNEMONIC,
            DevAccounts.standard(10).stream().map(DevAccounts.DevAccount::address).toList())
        .toJson();
  }
}
