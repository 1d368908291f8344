package io.opal.consensus.devnet.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Hash;
import io.opal.primitives.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GenesisJsonTest {

  @BeforeAll
  static void artifacts() {
    DevnetGenesisFixture.requireArtifacts();
  }

  private final L2Genesis genesis = DevnetGenesisFixture.genesis();

  /** Written, read back and re-derived, the header hashes to the genesis hash. */
  @Test
  void roundTripGivesTheSameGenesisHash() {
    String json = genesis.toJson();
    GenesisFile file = GenesisJson.read(json, "genesis.json");
    assertEquals(genesis.alloc(), file.alloc());
    GenesisForks forks = file.forksFromConfig();
    assertEquals(new GenesisForks(true, true, true, true, true), forks);
    assertEquals(genesis.header(), file.header(forks));
    assertEquals(genesis.hash(), file.header(forks).hash());
  }

  @Test
  void chainConfigActivatesEveryForkAtGenesis() throws IOException {
    JsonNode config = GenesisJson.MAPPER.readTree(genesis.toJson()).get("config");
    assertEquals(901, config.get("chainId").asLong());
    for (String f :
        new String[] {
          "londonBlock",
          "bedrockBlock",
          "shanghaiTime",
          "cancunTime",
          "pragueTime",
          "regolithTime",
          "canyonTime",
          "deltaTime",
          "ecotoneTime",
          "fjordTime",
          "graniteTime",
          "holoceneTime",
          "isthmusTime",
          "jovianTime"
        }) {
      assertEquals(0, config.get(f).asLong(), f);
    }
    JsonNode op = config.get("optimism");
    assertEquals(6, op.get("eip1559Elasticity").asLong());
    assertEquals(50, op.get("eip1559Denominator").asLong());
    assertEquals(250, op.get("eip1559DenominatorCanyon").asLong());
    JsonNode root = GenesisJson.MAPPER.readTree(genesis.toJson());
    assertEquals("0x3b9aca00", root.get("baseFeePerGas").asText());
    assertEquals("0x01000000fa000000060000000000000000", root.get("extraData").asText());
    assertEquals("0x4200000000000000000000000000000000000011", root.get("coinbase").asText());
    // Alloc keys as op-geth writes them: unprefixed lowercase hex.
    assertTrue(root.get("alloc").has("4200000000000000000000000000000000000015"));
  }

  /**
   * Real chains' genesis files from the superchain registry: reading them and deriving the header
   * must give the genesis hashes the registry records. Which forks were active at their genesis
   * comes from the registry's chain configs (their files have no chain config).
   */
  @Test
  void unichainSepoliaGenesisHash() throws IOException {
    // Canyon, Delta, Ecotone, Fjord, Granite at time 0; Holocene and later after genesis.
    assertRealGenesis(
        "superchain/genesis/sepolia-unichain.json",
        new GenesisForks(true, true, true, false, false),
        "0xb7fe0bc9f98ca03294ca0094ff9374cc3e64130b6ec85850d6e260191f48bfe7");
  }

  @Test
  void opSepoliaGenesisHash() throws IOException {
    // Bedrock genesis (August 2023): London rules only.
    assertRealGenesis(
        "superchain/genesis/sepolia-op.json",
        new GenesisForks(true, false, false, false, false),
        "0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d");
  }

  private static void assertRealGenesis(String fixture, GenesisForks forks, String hash)
      throws IOException {
    Path path = Fixtures.require(fixture);
    GenesisFile file = GenesisJson.read(Files.readString(path), fixture);
    assertEquals(Hash.fromHex(hash), file.header(forks).hash());
  }

  @Test
  void malformedFilesAreTypedErrors() {
    String ok = genesis.toJson();
    assertThrows(GenesisException.class, () -> GenesisJson.read("{", "x"));
    assertThrows(GenesisException.class, () -> GenesisJson.read("[]", "x"));
    assertThrows(GenesisException.class, () -> GenesisJson.read("{\"gasLimit\":\"0x1\"}", "x"));
    assertThrows(
        GenesisException.class,
        () -> GenesisJson.read(ok.replace("\"gasLimit\" : \"0x", "\"gasLimit\" : \"0xzz"), "x"));
    assertThrows(
        GenesisException.class,
        () -> GenesisJson.read(ok.replace("4200000000000000000000000000000000000015", "42"), "x"));
    assertThrows(
        GenesisException.class,
        () ->
            GenesisJson.read(
                ok.replaceFirst("\"balance\" : \"0x1\"", "\"balance\" : \"-5\""), "x"));
    assertThrows(
        GenesisException.class,
        () -> GenesisJson.read(ok.replaceFirst("\"balance\" : \"0x1\"", "\"balance\" : -1"), "x"));
    assertThrows(
        GenesisException.class,
        () -> GenesisJson.read(ok.replaceFirst("\"balance\" : \"0x1\"", "\"balance\" : 1.5"), "x"));
    GenesisException e =
        assertThrows(
            GenesisException.class,
            () ->
                GenesisJson.read(
                    ok.replace("\"timestamp\" : \"0x", "\"timestamp\" : \"0x1ffffffffffffffff"),
                    "genesis.json"));
    assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("timestamp"), e.getMessage());
  }

  /** Random and mutated files: only GenesisException may escape the reader. */
  @Test
  void fuzzedFilesOnlyGiveGenesisExceptions() {
    String small =
        """
        {"config": {"chainId": 901, "londonBlock": 0, "shanghaiTime": 0, "cancunTime": 0},
         "timestamp": "0x10", "gasLimit": "0x1c9c380", "extraData": "0x0100", "difficulty": "0x0",
         "baseFeePerGas": "0x3b9aca00", "nonce": "0x0",
         "alloc": {
           "4200000000000000000000000000000000000016": {"code": "0x6001600055",
             "storage": {"0x01": "0x02"}, "balance": "0x5", "nonce": "0x1"},
           "0x00000000000000000000000000000000000000ff": {"balance": "0x1"}}}
        """;
    GenesisFile parsed = GenesisJson.read(small, "small");
    assertEquals(2, parsed.alloc().accounts().size());
    var stats =
        new io.opal.primitives.testing.DecoderFuzzer(7)
            .run(
                "GenesisJson.read",
                bytes -> {
                  try {
                    GenesisFile f =
                        GenesisJson.read(new String(bytes, StandardCharsets.UTF_8), "fuzz");
                    return f.header(new GenesisForks(true, true, true, true, true));
                  } catch (GenesisException e) {
                    throw new io.opal.primitives.DecodingException(0, e.getMessage());
                  }
                },
                java.util.List.of(small.getBytes(StandardCharsets.UTF_8)),
                3000);
    assertTrue(stats.rejected() > 0 && stats.accepted() > 0, stats.toString());
  }
}
