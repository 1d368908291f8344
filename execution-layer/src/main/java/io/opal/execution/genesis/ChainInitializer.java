package io.opal.execution.genesis;

import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainStateException;
import io.opal.primitives.Hash;
import io.opal.primitives.config.ConfigException;
import io.opal.primitives.config.RollupConfig;
import io.opal.storage.BlockKey;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code opal init}: builds the genesis block from an op-geth genesis file and the chain config,
 * then writes block 0 (header, body, state, canonical index, heads, chain config) in one batch into
 * the data directory's database. Everything is read and checked before the database is opened, so a
 * bad file leaves the directory untouched; a directory already holding the same genesis is left as
 * it is, one holding another chain is refused.
 */
public final class ChainInitializer {
  private ChainInitializer() {}

  /** Whether {@link #initialize} wrote the genesis or found it already there. */
  public enum Outcome {
    CREATED,
    ALREADY_INITIALIZED
  }

  /** What {@link #initialize} did, and the genesis block's key and state root. */
  public record Result(
      Outcome outcome, BlockKey genesis, Hash stateRoot, RollupConfig config, Path database) {}

  /** Where a data directory keeps its chain database. */
  public static Path databaseDirectory(Path datadir) {
    return datadir.resolve("chaindata");
  }

  /**
   * Initialises {@code datadir} for the chain of {@code genesisFile} and {@code chainConfigFile}.
   *
   * @throws ConfigException if a file is unreadable, malformed, or the two disagree
   * @throws ChainStateException if the directory holds another chain
   * @throws io.opal.storage.StorageException if the database cannot be opened or written
   */
  public static Result initialize(Path datadir, Path genesisFile, Path chainConfigFile) {
    ChainConfigFile chainConfig = ChainConfigFile.load(chainConfigFile);
    RollupConfig rollup = chainConfig.rollupConfig();
    if (!Files.isRegularFile(genesisFile)) {
      throw new ConfigException("genesis file " + genesisFile + " does not exist");
    }
    GenesisFile file = GenesisFile.parse(ChainConfigFile.read(genesisFile), genesisFile.toString());
    GenesisBlock genesis = GenesisBlock.build(file, rollup, genesisFile.toString());
    BlockKey key = new BlockKey(genesis.block().number(), genesis.hash());
    Hash stateRoot = genesis.block().header().stateRoot();

    Path dbDir = databaseDirectory(datadir);
    try (KeyValueStore store = RocksDbKeyValueStore.open(dbDir)) {
      ChainDatabase db = ChainDatabase.open(store);
      Optional<Hash> existing = db.chain().genesisHash();
      if (existing.isPresent()) {
        if (!existing.get().equals(key.hash())) {
          throw new ChainStateException(
              dbDir
                  + " already holds the chain with genesis "
                  + existing.get()
                  + ", not "
                  + key.hash()
                  + ": use another --datadir (or delete this one) to initialise a different chain");
        }
        return new Result(Outcome.ALREADY_INITIALIZED, key, stateRoot, rollup, dbDir);
      }
      db.writeGenesis(genesis.block(), genesis.state(), chainConfig.toJson());
      return new Result(Outcome.CREATED, key, stateRoot, rollup, dbDir);
    }
  }
}
