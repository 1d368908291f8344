package io.opal.execution.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.InMemoryWorldState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.ConfigException;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fork-dependent genesis header fields, checked against independent computations: the state
 * root and the L2ToL1MessagePasser storage root by the in-memory state, sha256("") as EIP-7685's
 * empty requests hash.
 */
class GenesisForksTest {
  private static final String GENESIS =
      """
      {"config": null, "timestamp": "0x10", "gasLimit": "0x3938700", "difficulty": "0x0",
       "extraData": "0x", "baseFeePerGas": "0x3b9aca00",
       "alloc": {
         "4200000000000000000000000000000000000016": {"balance": "0x0", "code": "0x6001",
           "storage": {"0x0000000000000000000000000000000000000000000000000000000000000001": "0x02",
                       "0x0000000000000000000000000000000000000000000000000000000000000003": "0x00"}},
         "0x1000000000000000000000000000000000000001": {"balance": "1000000", "nonce": "7"},
         "0x2000000000000000000000000000000000000002": {"balance": "0x0"}
       }}
      """;

  private static InMemoryWorldState reference() {
    InMemoryWorldState s = new InMemoryWorldState();
    s.put(
        GenesisBlock.L2_TO_L1_MESSAGE_PASSER,
        0,
        org.apache.tuweni.units.bigints.UInt256.ZERO,
        new byte[] {0x60, 0x01},
        Map.of(io.opal.execution.state.Word256.of(1), io.opal.execution.state.Word256.of(2)));
    s.put(
        Address.fromHex("0x1000000000000000000000000000000000000001"),
        7,
        org.apache.tuweni.units.bigints.UInt256.valueOf(1_000_000),
        new byte[0],
        Map.of());
    s.put(
        Address.fromHex("0x2000000000000000000000000000000000000002"),
        0,
        org.apache.tuweni.units.bigints.UInt256.ZERO,
        new byte[0],
        Map.of());
    return s;
  }

  @Test
  void isthmusAndJovianGenesisCarryTheMessagePasserRootAndTheEmptyRequestsHash() {
    GenesisFile file = GenesisFile.parse(GENESIS, "test genesis");
    InMemoryWorldState reference = reference();
    assertEquals(
        Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        GenesisBlock.EMPTY_REQUESTS_HASH);
    for (OpFork fork : new OpFork[] {OpFork.ISTHMUS, OpFork.JOVIAN}) {
      BlockHeader h = GenesisBlock.assemble(file, fork).block().header();
      assertEquals(reference.stateRoot(), h.stateRoot(), fork.name());
      Hash passerRoot = reference.storageRoot(GenesisBlock.L2_TO_L1_MESSAGE_PASSER);
      assertTrue(!passerRoot.equals(Hash.EMPTY_TRIE));
      assertEquals(passerRoot, h.withdrawalsRoot().orElseThrow(), fork.name());
      assertEquals(GenesisBlock.EMPTY_REQUESTS_HASH, h.requestsHash().orElseThrow());
      assertEquals(0, h.blobGasUsed().getAsLong());
      assertEquals(Hash.ZERO, h.parentBeaconBlockRoot().orElseThrow());
      assertEquals(60_000_000L, h.gasLimit());
    }
    BlockHeader holocene = GenesisBlock.assemble(file, OpFork.HOLOCENE).block().header();
    assertEquals(Hash.EMPTY_TRIE, holocene.withdrawalsRoot().orElseThrow());
    assertTrue(holocene.requestsHash().isEmpty());
    BlockHeader bedrock = GenesisBlock.assemble(file, OpFork.BEDROCK).block().header();
    assertTrue(bedrock.withdrawalsRoot().isEmpty());
    assertEquals(1_000_000_000L, bedrock.baseFeePerGas().getAsLong());
  }

  @Test
  void aGenesisConfigDisagreeingWithTheChainConfigIsRefused() {
    var c = Fixtures.require("superchain/configs/sepolia/op.toml");
    RollupConfig config = ChainConfigFile.load(c).rollupConfig();
    String text = ChainConfigFile.read(Fixtures.require("superchain/genesis/sepolia-op.json"));
    String withChainId = text.replace("\"config\":null", "\"config\":{\"chainId\":10}");
    assertTrue(!withChainId.equals(text));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> GenesisBlock.build(GenesisFile.parse(withChainId, "g.json"), config, "g.json"));
    assertTrue(e.getMessage().contains("config.chainId 10"), e.getMessage());
    String withForks =
        text.replace("\"config\":null", "\"config\":{\"chainId\":11155420,\"canyonTime\":5}");
    ConfigException f =
        assertThrows(
            ConfigException.class,
            () -> GenesisBlock.build(GenesisFile.parse(withForks, "g.json"), config, "g.json"));
    assertTrue(f.getMessage().contains("config.canyonTime 5"), f.getMessage());
    String agreeing =
        text.replace(
            "\"config\":null", "\"config\":{\"chainId\":11155420,\"canyonTime\":1699981200}");
    assertEquals(
        config.genesisL2().hash(),
        GenesisBlock.build(GenesisFile.parse(agreeing, "g.json"), config, "g.json").hash());
  }
}
