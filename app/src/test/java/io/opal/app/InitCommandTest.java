package io.opal.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.genesis.ChainConfigFile;
import io.opal.execution.genesis.ChainInitializer;
import io.opal.execution.genesis.GenesisAccount;
import io.opal.execution.genesis.GenesisFile;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.Word256;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainHeads;
import io.opal.execution.store.FlatStateReader;
import io.opal.execution.store.TrieStateReader;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.testing.Fixtures;
import io.opal.storage.BlockKey;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import io.opal.storage.Schema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code opal init} on real chains' files: the printed genesis hash is the registry's, the written
 * database reopens with every head at genesis and the allocation readable from both the flat tables
 * and the trie; repeating is harmless, another chain or a bad file is refused with the directory
 * untouched.
 */
class InitCommandTest {
  private static final String OP_SEPOLIA =
      "0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d";
  private static final String UNICHAIN_SEPOLIA =
      "0xb7fe0bc9f98ca03294ca0094ff9374cc3e64130b6ec85850d6e260191f48bfe7";

  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private static Run init(Path datadir, Path genesis, Path config) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OpalMain());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "init",
            "--datadir",
            datadir.toString(),
            "--genesis",
            genesis.toString(),
            "--chain-config",
            config.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  private static Path genesis(String name) {
    return Fixtures.require("superchain/genesis/" + name);
  }

  private static Path config(String name) {
    return Fixtures.require("superchain/configs/sepolia/" + name);
  }

  private static String printed(String out, String label) {
    Matcher m = Pattern.compile(label + ":\\s+(0x[0-9a-f]+)").matcher(out);
    assertTrue(m.find(), "no '" + label + "' in: " + out);
    return m.group(1);
  }

  @Test
  void opSepolia() {
    initialisesAndReopens("sepolia-op.json", "op.toml", OP_SEPOLIA, 11_155_420);
  }

  @Test
  void unichainSepolia() {
    initialisesAndReopens("sepolia-unichain.json", "unichain.toml", UNICHAIN_SEPOLIA, 1301);
  }

  private void initialisesAndReopens(String genesisName, String toml, String hash, long chainId) {
    Path datadir = tmp.resolve("data");
    Run first = init(datadir, genesis(genesisName), config(toml));
    assertEquals(0, first.exit(), first.err());
    assertEquals(hash, printed(first.out(), "genesis block hash"));
    assertTrue(first.out().contains("(created)"), first.out());
    Hash stateRoot = Hash.fromHex(printed(first.out(), "state root"));

    Run again = init(datadir, genesis(genesisName), config(toml));
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("already initialised"), again.out());

    GenesisFile file = GenesisFile.parse(readString(genesis(genesisName)), genesisName);
    try (KeyValueStore store =
        RocksDbKeyValueStore.open(ChainInitializer.databaseDirectory(datadir))) {
      ChainDatabase db = ChainDatabase.open(store);
      BlockKey genesisKey = new BlockKey(0, Hash.fromHex(hash));
      assertEquals(ChainHeads.at(genesisKey), db.heads().orElseThrow());
      assertEquals(stateRoot, db.headHeader().stateRoot());
      assertEquals(Hash.fromHex(hash), db.headHeader().hash());
      assertEquals(Hash.fromHex(hash), db.chain().canonicalHash(0).orElseThrow());
      assertEquals(Hash.fromHex(hash), db.chain().genesisHash().orElseThrow());
      ChainConfigFile stored =
          ChainConfigFile.fromJson(db.chain().metadata(Schema.MetaKey.CHAIN_CONFIG).orElseThrow());
      assertEquals(chainId, stored.rollupConfig().l2ChainId());

      FlatStateReader flat = db.state().head();
      TrieStateReader trie = db.state().at(stateRoot);
      for (Map.Entry<Address, GenesisAccount> e : file.alloc().entrySet()) {
        GenesisAccount a = e.getValue();
        AccountState s = flat.account(e.getKey()).orElseThrow();
        assertEquals(a.nonce(), s.nonce());
        assertEquals(a.balance(), s.balance());
        assertArrayEquals(a.code(), flat.code(s.codeHash()));
        assertEquals(s, trie.account(e.getKey()).orElseThrow());
        assertEquals(!a.storage().isEmpty(), flat.hasStorage(e.getKey()));
        for (Map.Entry<Word256, Word256> slot : a.storage().entrySet()) {
          assertEquals(slot.getValue(), flat.storage(e.getKey(), slot.getKey()));
          assertEquals(slot.getValue(), trie.storage(e.getKey(), slot.getKey()));
        }
      }
    }
  }

  @Test
  void anotherChainsGenesisIsRefusedAndTheDatabaseKept() {
    Path datadir = tmp.resolve("data");
    assertEquals(0, init(datadir, genesis("sepolia-op.json"), config("op.toml")).exit());
    Run other = init(datadir, genesis("sepolia-unichain.json"), config("unichain.toml"));
    assertEquals(1, other.exit());
    assertTrue(
        other.err().contains("already holds the chain with genesis " + OP_SEPOLIA), other.err());
    try (KeyValueStore store =
        RocksDbKeyValueStore.open(ChainInitializer.databaseDirectory(datadir))) {
      assertEquals(
          Hash.fromHex(OP_SEPOLIA), ChainDatabase.open(store).chain().genesisHash().orElseThrow());
    }
  }

  @Test
  void mismatchedGenesisAndConfigAreRefusedBeforeTouchingTheDirectory() {
    Path datadir = tmp.resolve("data");
    Run r = init(datadir, genesis("sepolia-op.json"), config("unichain.toml"));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("differs from the chain config"), r.err());
    assertFalse(Files.exists(datadir), "the data directory was created");
  }

  @Test
  void badGenesisFilesNameTheProblemAndTouchNothing() throws Exception {
    String text = readString(genesis("sepolia-op.json"));
    Path datadir = tmp.resolve("data");
    Map<String, String> cases =
        Map.of(
            "truncated", text.substring(0, text.length() / 2),
            "no alloc", text.replace("\"alloc\"", "\"allocation\""),
            "no gas limit", text.replace("\"gasLimit\"", "\"gas_limit\""),
            "bad balance", text.replaceFirst("\"balance\": ?\"0x0\"", "\"balance\":\"0xzz\""),
            "bad storage", text.replaceFirst("\"storage\": ?\\{\"0x", "\"storage\":{\"0xq"));
    Map<String, String> expected =
        Map.of(
            "truncated", "not valid JSON",
            "no alloc", ".alloc: missing",
            "no gas limit", ".gasLimit: missing",
            "bad balance", ".balance: not a number",
            "bad storage", ".storage.0xq");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertFalse(c.getValue().equals(text), c.getKey() + ": the mutation did not apply");
      Path bad = tmp.resolve(c.getKey().replace(' ', '-') + ".json");
      Files.writeString(bad, c.getValue(), StandardCharsets.UTF_8);
      Run r = init(datadir, bad, config("op.toml"));
      assertEquals(1, r.exit(), c.getKey());
      assertTrue(r.err().contains(expected.get(c.getKey())), c.getKey() + ": " + r.err());
      assertFalse(Files.exists(datadir), c.getKey() + ": the data directory was created");
    }
    Path badConfig = tmp.resolve("bad.json");
    Files.writeString(badConfig, "{\"genesis\": {}}");
    Run r = init(datadir, genesis("sepolia-op.json"), badConfig);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("bad.json"), r.err());
    assertFalse(Files.exists(datadir));
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
