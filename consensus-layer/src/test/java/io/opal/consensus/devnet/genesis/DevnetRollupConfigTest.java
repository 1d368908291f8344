package io.opal.consensus.devnet.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.config.RollupConfigParser;
import io.opal.primitives.fork.OpFork;
import java.io.IOException;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevnetRollupConfigTest {

  @BeforeAll
  static void artifacts() {
    DevnetGenesisFixture.requireArtifacts();
  }

  private final L2Genesis genesis = DevnetGenesisFixture.genesis();
  private final RollupConfig config = DevnetRollupConfig.of(genesis);

  @Test
  void namesTheBuiltGenesisAndActivatesEveryForkAtIt() {
    DevnetL2Params p = genesis.params();
    assertEquals(genesis.hash(), config.genesisL2().hash());
    assertEquals(0, config.genesisL2().number());
    assertEquals(DevnetGenesisFixture.L1_GENESIS, config.genesisL1());
    assertEquals(p.genesisTime(), config.genesisTime());
    for (OpFork fork : OpFork.values()) {
      assertTrue(config.isActive(fork, p.genesisTime()), fork + " at genesis");
    }
    assertEquals(OpFork.JOVIAN, config.forkAt(p.genesisTime()));
    assertEquals(p.batcher(), config.systemConfig().batcher());
    assertEquals(60_000_000L, config.systemConfig().gasLimit());
    assertEquals(DevnetGenesisFixture.L1.optimismPortal(), config.depositContractAddress());
    assertEquals(DevnetGenesisFixture.L1.systemConfig(), config.l1SystemConfigAddress());
    assertEquals(
        Optional.of(DevnetGenesisFixture.L1.protocolVersions()), config.protocolVersionsAddress());
    assertEquals(
        Address.fromHex("0xff00000000000000000000000000000000000901"), config.batchInboxAddress());
    assertEquals(901, config.l2ChainId());
    assertEquals(900, config.l1ChainId());
    assertEquals(2, config.blockTime());
  }

  /** The convention real chains follow (registry: OP Mainnet, chain 10; OP Sepolia, 11155420). */
  @Test
  void batchInboxConvention() {
    assertEquals(
        Address.fromHex("0xFF00000000000000000000000000000000000010"),
        DevnetRollupConfig.batchInbox(10));
    assertEquals(
        Address.fromHex("0xff00000000000000000000000000000011155420"),
        DevnetRollupConfig.batchInbox(11155420));
  }

  /** Version 1: blob base fee scalar in bytes [24, 28), base fee scalar in [28, 32). */
  @Test
  void ecotoneScalarEncoding() {
    Bytes32 s = DevnetRollupConfig.ecotoneScalar(1368, 810_949);
    assertEquals(
        Bytes32.fromHexString("0x010000000000000000000000000000000000000000000000000c5fc500000558"),
        s);
    assertEquals(s, config.systemConfig().scalar());
  }

  @Test
  void rollupJsonRoundTripsThroughTheParser() {
    String json = RollupJson.write(config, Optional.of(genesis.params().fees()));
    RollupConfig back = RollupConfigParser.fromRollupJson(json, "rollup.json");
    assertEquals(config.genesisL1(), back.genesisL1());
    assertEquals(config.genesisL2(), back.genesisL2());
    assertEquals(config.genesisTime(), back.genesisTime());
    assertEquals(config.systemConfig(), back.systemConfig());
    assertEquals(config.blockTime(), back.blockTime());
    assertEquals(config.maxSequencerDrift(), back.maxSequencerDrift());
    assertEquals(config.seqWindowSize(), back.seqWindowSize());
    assertEquals(config.channelTimeout(), back.channelTimeout());
    assertEquals(config.graniteChannelTimeout(), back.graniteChannelTimeout());
    assertEquals(config.l1ChainId(), back.l1ChainId());
    assertEquals(config.l2ChainId(), back.l2ChainId());
    for (OpFork fork : OpFork.values()) {
      assertEquals(
          config.forks().activationTime(fork), back.forks().activationTime(fork), fork.name());
    }
    assertEquals(config.pectraBlobScheduleTime(), back.pectraBlobScheduleTime());
    assertEquals(config.batchInboxAddress(), back.batchInboxAddress());
    assertEquals(config.depositContractAddress(), back.depositContractAddress());
    assertEquals(config.l1SystemConfigAddress(), back.l1SystemConfigAddress());
    assertEquals(config.protocolVersionsAddress(), back.protocolVersionsAddress());
    assertEquals(config.eip1559(), back.eip1559());
    // Writing what was read gives the same document.
    assertEquals(RollupJson.write(config), RollupJson.write(back));
  }

  @Test
  void rollupJsonCarriesOpNodesGenesisSystemConfigExtras() throws IOException {
    DevnetL2Params.Fees fees =
        new DevnetL2Params.Fees(
            1_000_000_000L, genesis.params().fees().eip1559(), 5, 1368, 810_949, 7, 1000, 400);
    JsonNode sys =
        GenesisJson.MAPPER
            .readTree(RollupJson.write(config, Optional.of(fees)))
            .path("genesis")
            .path("system_config");
    assertEquals("0x000000fa00000006", sys.get("eip1559Params").asText());
    // (scalar << 64) | constant as one word: scalar in bytes [20, 24), constant in [24, 32).
    assertEquals(
        "0x" + "00".repeat(20) + "00000007" + "00000000000003e8",
        sys.get("operatorFeeParams").asText());
    assertEquals(5, sys.get("minBaseFee").asLong());
    assertEquals(400, sys.get("daFootprintGasScalar").asLong());
  }
}
