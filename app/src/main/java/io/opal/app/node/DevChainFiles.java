package io.opal.app.node;

import io.opal.consensus.devnet.genesis.DevnetFiles;
import io.opal.consensus.devnet.genesis.DevnetL2Params;
import io.opal.consensus.devnet.genesis.DevnetRollupConfig;
import io.opal.consensus.devnet.genesis.L2Genesis;
import io.opal.consensus.devnet.genesis.L2GenesisBuilder;
import io.opal.consensus.devnet.genesis.RollupJson;
import io.opal.execution.genesis.ChainInitializer;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.RollupConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The dev chain of a data directory: on first start, generates the devnet L2 genesis (defaults of
 * {@link DevnetL2Params}, no L1 so every L1 address is zero) and its rollup config, writes {@code
 * genesis.json} and {@code rollup.json} and initialises the chain database; later starts find the
 * files and reuse them, so the node resumes the same chain.
 */
final class DevChainFiles {
  private DevChainFiles() {}

  static Path genesisFile(Path datadir) {
    return datadir.resolve(DevnetFiles.GENESIS_JSON);
  }

  static Path rollupFile(Path datadir) {
    return datadir.resolve(DevnetFiles.ROLLUP_JSON);
  }

  /** Creates the files if absent, then makes sure the database holds the chain. */
  static ChainInitializer.Result prepare(Path datadir, long blockTimeSeconds, long genesisTime) {
    return prepare(datadir, blockTimeSeconds, genesisTime, Map.of());
  }

  /** As above, funding {@code extraPrefunds} too when the genesis is generated. */
  static ChainInitializer.Result prepare(
      Path datadir, long blockTimeSeconds, long genesisTime, Map<Address, UInt256> extraPrefunds) {
    try {
      Files.createDirectories(datadir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + datadir, e);
    }
    if (!Files.isRegularFile(genesisFile(datadir)) || !Files.isRegularFile(rollupFile(datadir))) {
      Address z = Address.ZERO;
      DevnetL2Params.Builder params =
          DevnetL2Params.builder(
                  new BlockId(Hash.ZERO, 0),
                  genesisTime,
                  new DevnetL2Params.L1Addresses(z, z, z, z, z, z, z, z))
              .blockTime(blockTimeSeconds);
      extraPrefunds.forEach(params::prefund);
      DevnetL2Params built = params.build();
      L2Genesis genesis = L2GenesisBuilder.build(built);
      RollupConfig rollup = DevnetRollupConfig.of(genesis);
      // rollup.json last: its presence marks a complete pair
      DevnetFiles.writeAtomically(genesisFile(datadir), genesis.toJson());
      DevnetFiles.writeAtomically(
          rollupFile(datadir), RollupJson.write(rollup, Optional.of(built.fees())));
    }
    return ChainInitializer.initialize(datadir, genesisFile(datadir), rollupFile(datadir));
  }
}
