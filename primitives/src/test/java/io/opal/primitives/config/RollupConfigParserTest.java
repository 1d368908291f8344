package io.opal.primitives.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RollupConfigParserTest {

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  @Test
  void readsOpSepoliaFromTheSuperchainRegistry() throws IOException {
    Path dir = Fixtures.require("superchain/configs/sepolia");
    RollupConfig c =
        RollupConfigParser.fromSuperchainToml(
            read(dir.resolve("op.toml")), read(dir.resolve("superchain.toml")), "op.toml");
    assertEquals(11155420L, c.l2ChainId());
    assertEquals(11155111L, c.l1ChainId());
    assertEquals(2, c.blockTime());
    assertEquals(
        Hash.fromHex("0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d"),
        c.genesisL2().hash());
    assertEquals(4071408L, c.genesisL1().number());
    assertEquals(
        Address.fromHex("0x16Fc5058F25648194471939df75CF27A2fdC48BC"), c.depositContractAddress());
    // Regolith is not named in the registry: it was active from genesis.
    assertEquals(OpFork.REGOLITH, c.forkAt(c.genesisTime()));
    assertEquals(OpFork.CANYON, c.forkAt(1699981200L));
    assertEquals(OpFork.DELTA, c.forkAt(1703203200L));
    assertEquals(OpFork.ISTHMUS, c.forkAt(1744905600L));
    assertEquals(OpFork.JOVIAN, c.forkAt(1763568001L));
    assertTrue(c.forks().isActivationBlock(OpFork.ECOTONE, 1708534800L, 2));
    assertFalse(c.forks().isActivationBlock(OpFork.ECOTONE, 1708534802L, 2));
    assertEquals(250, c.eip1559().denominatorCanyon());
  }

  @Test
  void readsTheRollupJsonOfTheOpExecutionFixtureLikeTheRegistry() throws IOException {
    Path fixture = Fixtures.require("op-execution/op-sepolia-block-26207960.json");
    JsonNode rollup = Fixtures.readJson(fixture).get("rollup_config");
    RollupConfig fromJson = RollupConfigParser.fromRollupJson(rollup.toString(), "rollup_config");
    Path dir = Fixtures.require("superchain/configs/sepolia");
    RollupConfig fromToml =
        RollupConfigParser.fromSuperchainToml(
            read(dir.resolve("op.toml")), read(dir.resolve("superchain.toml")), "op.toml");
    assertEquals(fromToml.genesisL2(), fromJson.genesisL2());
    assertEquals(fromToml.genesisL1(), fromJson.genesisL1());
    assertEquals(fromToml.systemConfig(), fromJson.systemConfig());
    assertEquals(fromToml.eip1559(), fromJson.eip1559());
    // The fixture was written in April 2025, before Jovian was scheduled; compare up to Isthmus.
    for (OpFork fork : OpFork.values()) {
      if (fork.isAtLeast(OpFork.JOVIAN)) {
        assertTrue(fromJson.forks().activationTime(fork).isEmpty());
        continue;
      }
      assertEquals(
          fromToml.forks().activationTime(fork),
          fromJson.forks().activationTime(fork),
          fork.name());
    }
  }

  @Test
  void everyRegistryChainParses() throws IOException {
    Path root = Fixtures.require("superchain/configs");
    int parsed = 0;
    try (var networks = Files.list(root)) {
      for (Path network : networks.filter(Files::isDirectory).toList()) {
        String superchain = read(network.resolve("superchain.toml"));
        try (var chains = Files.list(network)) {
          for (Path chain : chains.filter(p -> p.toString().endsWith(".toml")).toList()) {
            if (chain.getFileName().toString().equals("superchain.toml")) {
              continue;
            }
            RollupConfig c =
                RollupConfigParser.fromSuperchainToml(read(chain), superchain, chain.toString());
            assertTrue(c.l2ChainId() > 0, chain.toString());
            parsed++;
          }
        }
      }
    }
    assertTrue(parsed > 20, "parsed " + parsed + " chain configs");
  }

  @Test
  void brokenConfigsGiveErrorsNamingTheField() {
    ConfigException missing =
        assertThrows(
            ConfigException.class, () -> RollupConfigParser.fromRollupJson("{}", "rollup.json"));
    assertTrue(missing.getMessage().contains("genesis"), missing.getMessage());
    ConfigException syntax =
        assertThrows(
            ConfigException.class,
            () -> RollupConfigParser.fromRollupJson("{\"genesis\": ", "r.json"));
    assertTrue(syntax.getMessage().contains("not valid JSON"), syntax.getMessage());
    ConfigException badForkOrder =
        assertThrows(
            ConfigException.class,
            () -> OpForkSchedule.of(java.util.Map.of(OpFork.CANYON, 100L, OpFork.DELTA, 50L)));
    assertTrue(badForkOrder.getMessage().contains("delta_time"), badForkOrder.getMessage());
  }
}
