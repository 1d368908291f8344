package io.opal.execution.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Real chains' genesis files: the block built from each must have the hash the superchain registry
 * records for the chain ({@code [genesis.l2] hash} in its toml).
 */
class GenesisBlockTest {

  static GenesisBlock load(String genesis, String toml) {
    Path g = Fixtures.require("superchain/genesis/" + genesis);
    Path c = Fixtures.require("superchain/configs/sepolia/" + toml);
    RollupConfig config = ChainConfigFile.load(c).rollupConfig();
    GenesisFile file = GenesisFile.parse(ChainConfigFile.read(g), g.toString());
    return GenesisBlock.build(file, config, g.toString());
  }

  @Test
  void opSepoliaIsBedrockAtGenesis() {
    GenesisBlock genesis = load("sepolia-op.json", "op.toml");
    assertEquals(
        Hash.fromHex("0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d"),
        genesis.hash());
    BlockHeader h = genesis.block().header();
    assertEquals(1_000_000_000L, h.baseFeePerGas().getAsLong());
    assertTrue(h.withdrawalsRoot().isEmpty(), "no Canyon at OP Sepolia's genesis");
    assertTrue(genesis.block().body().withdrawals().isEmpty());
  }

  @Test
  void unichainSepoliaHasEcotoneFieldsAtGenesis() {
    GenesisBlock genesis = load("sepolia-unichain.json", "unichain.toml");
    assertEquals(
        Hash.fromHex("0xb7fe0bc9f98ca03294ca0094ff9374cc3e64130b6ec85850d6e260191f48bfe7"),
        genesis.hash());
    BlockHeader h = genesis.block().header();
    assertEquals(Hash.EMPTY_TRIE, h.withdrawalsRoot().orElseThrow());
    assertEquals(0L, h.blobGasUsed().getAsLong());
    assertEquals(0L, h.excessBlobGas().getAsLong());
    assertEquals(Hash.ZERO, h.parentBeaconBlockRoot().orElseThrow());
    assertFalse(h.requestsHash().isPresent(), "Isthmus came later");
    assertTrue(genesis.block().body().withdrawals().orElseThrow().isEmpty());
  }
}
