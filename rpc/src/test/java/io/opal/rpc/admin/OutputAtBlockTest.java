package io.opal.rpc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.consensus.rollup.BlockId;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.L2BlockRefs;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.execution.engine.BuildJob;
import io.opal.execution.engine.EngineTestChain;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.engine.TransactionProvider;
import io.opal.execution.op.Predeploys;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.Word256;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.trie.SecureTrie;
import io.opal.storage.InMemoryKeyValueStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optimism_outputAtBlock} over a real engine chain: genesis (with an L2ToL1MessagePasser
 * holding one storage slot, so the withdrawal root is not the empty trie) and two sealed blocks
 * whose L1-info deposits name L1 block 100 as origin. Expected values are computed here from the
 * spec's definition (keccak256(version ‖ stateRoot ‖ storage root ‖ block hash)) with the trie of
 * the primitives module, not with the code under test.
 */
class OutputAtBlockTest {
  static final Word256 SLOT = Word256.of(7);
  static final Word256 VALUE = Word256.of(0x2a);
  static final BlockId GENESIS_L1 = new BlockId(Hash.keccak("l1 genesis".getBytes()), 4071408);

  @TempDir Path dir;
  RollupConfig config;
  ExecutionEngine engine;
  List<Block> blocks = new ArrayList<>();
  AdminRpcServer server;
  AdminClient client;
  String auth;

  @BeforeEach
  void build() throws Exception {
    ChainDatabase db = ChainDatabase.open(InMemoryKeyValueStore.create());
    RollupConfig base = EngineTestChain.config(OpFork.ISTHMUS);
    AccountUpdate passer =
        new AccountUpdate.Updated(
            Predeploys.L2_TO_L1_MESSAGE_PASSER,
            new AccountState(0, UInt256.ZERO, Hash.EMPTY),
            Optional.empty(),
            false,
            Map.of(SLOT, VALUE));
    Block genesis = EngineTestChain.writeGenesis(db, base, 2, List.of(passer));
    config = withGenesis(base, genesis.hash());
    engine = new ExecutionEngine(db, config, TransactionProvider.NONE);
    blocks.add(genesis);
    BlockHeader parent = genesis.header();
    for (int i = 1; i <= 2; i++) {
      BuildJob job =
          engine.startBuild(parent.hash(), EngineTestChain.attributes(config, parent, true, i));
      assertTrue(job.awaitFilled(Duration.ofSeconds(30)));
      Block b = job.seal().block();
      blocks.add(b);
      parent = b.header();
    }
    server =
        AdminRpcServer.builder(new RecordingSequencer(parent.hash(), status()), config)
            .port(0)
            .jwtSecretFile(dir.resolve("jwt.hex"))
            .engine(engine)
            .random(new Random(3))
            .start();
    client = new AdminClient(server.port());
    auth =
        AdminClient.bearer(
            AdminClient.keyOf(Files.readString(server.secretFile())),
            System.currentTimeMillis() / 1000);
  }

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  static RollupConfig withGenesis(RollupConfig c, Hash l2Genesis) {
    return new RollupConfig(
        new io.opal.primitives.config.BlockId(GENESIS_L1.hash(), GENESIS_L1.number()),
        new io.opal.primitives.config.BlockId(l2Genesis, 0),
        c.genesisTime(),
        c.systemConfig(),
        c.blockTime(),
        c.maxSequencerDrift(),
        c.seqWindowSize(),
        c.channelTimeout(),
        c.graniteChannelTimeout(),
        c.l1ChainId(),
        c.l2ChainId(),
        c.forks(),
        c.pectraBlobScheduleTime(),
        c.batchInboxAddress(),
        c.depositContractAddress(),
        c.l1SystemConfigAddress(),
        c.protocolVersionsAddress(),
        c.eip1559());
  }

  static SyncStatus status() {
    return AdminRpcServerTest.status();
  }

  /** The message passer's storage root, from the trie definition. */
  static Hash passerStorageRoot() {
    SecureTrie trie = new SecureTrie();
    trie.put(
        Bytes32.leftPad(org.apache.tuweni.bytes.Bytes.of(7)).toArrayUnsafe(),
        new RlpWriter().writeUInt256(UInt256.valueOf(0x2a)).toByteArray());
    return trie.rootHash();
  }

  static Hash outputRoot(Hash stateRoot, Hash storageRoot, Hash blockHash) {
    byte[] pre = new byte[128];
    System.arraycopy(stateRoot.toArray(), 0, pre, 32, 32);
    System.arraycopy(storageRoot.toArray(), 0, pre, 64, 32);
    System.arraycopy(blockHash.toArray(), 0, pre, 96, 32);
    return Hash.keccak(pre);
  }

  JsonNode output(long number) throws Exception {
    return client
        .call(auth, "optimism_outputAtBlock", "[\"0x" + Long.toHexString(number) + "\"]")
        .result();
  }

  @Test
  void outputOfEachBlockMatchesItsDefinition() throws Exception {
    Hash storageRoot = passerStorageRoot();
    assertTrue(!storageRoot.equals(Hash.EMPTY_TRIE));
    for (Block b : blocks) {
      JsonNode out = output(b.number());
      List<String> names = new ArrayList<>();
      out.fieldNames().forEachRemaining(names::add);
      assertEquals(
          List.of(
              "version",
              "outputRoot",
              "blockRef",
              "withdrawalStorageRoot",
              "stateRoot",
              "syncStatus"),
          names);
      assertEquals(Hash.ZERO.toString(), out.get("version").asText());
      assertEquals(storageRoot.toString(), out.get("withdrawalStorageRoot").asText());
      assertEquals(b.header().stateRoot().toString(), out.get("stateRoot").asText());
      assertEquals(
          outputRoot(b.header().stateRoot(), storageRoot, b.hash()).toString(),
          out.get("outputRoot").asText());
      // The engine's own output root agrees with the answer.
      assertEquals(
          engine.outputRoot(b.hash()).orElseThrow().toString(), out.get("outputRoot").asText());
      BlockId origin = b.number() == 0 ? GENESIS_L1 : new BlockId(Hash.keccak(new byte[] {1}), 100);
      RollupApiTest.assertL2(
          new L2BlockRef(
              b.hash(),
              b.number(),
              b.header().parentHash(),
              b.header().timestamp(),
              origin,
              b.number()), // EngineTestChain's L1-info deposits use the block number as sequence
          out.get("blockRef"));
      RollupApiTest.assertSyncStatus(status(), out.get("syncStatus"));
    }
  }

  @Test
  void errorsFollowOpNode() throws Exception {
    JsonNode missing = client.call(auth, "optimism_outputAtBlock", "[\"0x3\"]").error();
    assertEquals(-32000, missing.get("code").asInt());
    assertEquals(
        "failed to get L2 block ref with sync status: not found", missing.get("message").asText());

    for (String bad : new String[] {"[]", "[3]", "[\"latest\"]", "[\"0x03\"]", "[\"0x\"]"}) {
      JsonNode e = client.call(auth, "optimism_outputAtBlock", bad).error();
      assertEquals(-32602, e.get("code").asInt(), bad + " -> " + e);
    }
  }

  @Test
  void blockRefsRejectBlocksThatAreNotThisChains() {
    Block genesis = blocks.getFirst();
    RollupConfig otherGenesis = withGenesis(config, Hash.keccak("other".getBytes()));
    DecodingException wrongGenesis =
        assertThrows(DecodingException.class, () -> L2BlockRefs.of(genesis, otherGenesis));
    assertTrue(
        wrongGenesis
            .getMessage()
            .startsWith("expected L2 genesis hash to match L2 block at genesis"),
        wrongGenesis.getMessage());

    Block one = blocks.get(1);
    Block empty = new Block(one.header(), BlockBody.EMPTY);
    assertEquals(
        "l2 block is missing L1 info deposit tx, block hash: " + one.hash(),
        assertThrows(DecodingException.class, () -> L2BlockRefs.of(empty, config)).getMessage());
  }
}
