package io.opal.consensus.devnet.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.config.RollupConfigParser;
import io.opal.primitives.crypto.DevAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetFilesTest {

  @BeforeAll
  static void artifacts() {
    DevnetGenesisFixture.requireArtifacts();
  }

  @TempDir Path dir;

  private final L2Genesis genesis = DevnetGenesisFixture.genesis();

  private DevnetManifest manifest() {
    return new DevnetManifest(
        "http://127.0.0.1:8546",
        "http://127.0.0.1:8545",
        "http://127.0.0.1:9545",
        900,
        901,
        genesis.hash(),
        DevnetGenesisFixture.L1.byName(),
        DevAccounts.TEST_MNEMONIC,
        DevAccounts.standard(10).stream().map(DevAccounts.DevAccount::address).toList());
  }

  @Test
  void writesTheThreeFilesBesideEachOther() throws IOException {
    RollupConfig rollup = DevnetRollupConfig.of(genesis);
    Path data = dir.resolve("data");
    DevnetFiles.Written w = DevnetFiles.write(data, genesis, rollup, manifest());
    assertEquals(data.resolve("genesis.json"), w.genesis());
    assertEquals(data.resolve("rollup.json"), w.rollup());
    assertEquals(data.resolve("devnet.json"), w.devnet());
    GenesisFile g = GenesisJson.read(Files.readString(w.genesis()), "genesis.json");
    assertEquals(genesis.hash(), g.header(g.forksFromConfig()).hash());
    RollupConfig r = RollupConfigParser.fromRollupJson(Files.readString(w.rollup()), "rollup.json");
    assertEquals(genesis.hash(), r.genesisL2().hash());
    assertEquals(manifest(), DevnetManifest.fromJson(Files.readString(w.devnet()), "devnet.json"));
    try (Stream<Path> files = Files.list(data)) {
      assertEquals(3, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void manifestListsEveryL1ContractAndTheDevAccounts() throws IOException {
    String json = manifest().toJson();
    var node = GenesisJson.MAPPER.readTree(json);
    assertEquals(8, node.get("l1Contracts").size());
    assertEquals(
        DevnetGenesisFixture.L1.optimismPortal().toString(),
        node.get("l1Contracts").get("OptimismPortalProxy").asText());
    assertEquals(10, node.get("devAccounts").size());
    assertEquals(
        Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
        Address.fromHex(node.get("devAccounts").get(0).asText()));
    assertEquals("http://127.0.0.1:9545", node.get("adminRpcUrl").asText());
  }

  @Test
  void rewritingReplacesTheFileWhole() throws IOException {
    Path f = dir.resolve("x.json");
    DevnetFiles.writeAtomically(f, "a much longer first version\n");
    DevnetFiles.writeAtomically(f, "short\n");
    assertEquals("short\n", Files.readString(f));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList());
    }
  }

  @Test
  void malformedManifestIsATypedError() {
    org.junit.jupiter.api.Assertions.assertThrows(
        GenesisException.class, () -> DevnetManifest.fromJson("{\"l1RpcUrl\": 5}", "devnet.json"));
    org.junit.jupiter.api.Assertions.assertThrows(
        GenesisException.class, () -> DevnetManifest.fromJson("not json", "devnet.json"));
    String bad = manifest().toJson().replace("0xf39f", "0xzz9f");
    assertTrue(bad.contains("0xzz9f"));
    org.junit.jupiter.api.Assertions.assertThrows(
        GenesisException.class, () -> DevnetManifest.fromJson(bad, "devnet.json"));
  }
}
