package io.opal.consensus.devnet.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A parsed genesis.json: its chain config (absent in the superchain registry's files), the header
 * fields it states and its allocation. {@link #header(GenesisForks)} derives the genesis block
 * header the way op-geth does, given which forks are active at genesis.
 */
public record GenesisFile(
    Optional<JsonNode> config,
    long timestamp,
    long gasLimit,
    Bytes extraData,
    UInt256 difficulty,
    Hash mixHash,
    Address coinbase,
    Bytes nonce,
    long number,
    long gasUsed,
    Hash parentHash,
    OptionalLong baseFeePerGas,
    OptionalLong excessBlobGas,
    OptionalLong blobGasUsed,
    GenesisAlloc alloc) {

  /** geth's default genesis base fee when a London genesis names none (1 gwei). */
  public static final long DEFAULT_BASE_FEE = 1_000_000_000L;

  /** The forks active at genesis, read from {@link #config()}; fails when there is none. */
  public GenesisForks forksFromConfig() {
    return GenesisForks.fromChainConfig(
        config.orElseThrow(() -> new GenesisException("genesis.json has no chain config")),
        timestamp);
  }

  /** The header op-geth makes of this file under {@code forks}. */
  public BlockHeader header(GenesisForks forks) {
    InMemoryWorldState world = alloc.toWorldState();
    BlockHeader.Builder b =
        BlockHeader.builder()
            .parentHash(parentHash)
            .beneficiary(coinbase)
            .stateRoot(world.stateRoot())
            .difficulty(difficulty)
            .number(number)
            .gasLimit(gasLimit)
            .gasUsed(gasUsed)
            .timestamp(timestamp)
            .extraData(extraData)
            .mixHash(mixHash)
            .nonce(nonce);
    if (forks.london()) {
      b.baseFeePerGas(baseFeePerGas.orElse(DEFAULT_BASE_FEE));
    }
    if (forks.shanghai()) {
      b.withdrawalsRoot(
          forks.isthmus()
              ? world.storageRoot(Predeploys.L2_TO_L1_MESSAGE_PASSER)
              : Hash.EMPTY_TRIE);
    }
    if (forks.cancun()) {
      b.blobGasUsed(blobGasUsed.orElse(0)).excessBlobGas(excessBlobGas.orElse(0));
      b.parentBeaconBlockRoot(Hash.ZERO);
    }
    if (forks.prague()) {
      b.requestsHash(L2GenesisBuilder.EMPTY_REQUESTS_HASH);
    }
    return b.build();
  }
}
