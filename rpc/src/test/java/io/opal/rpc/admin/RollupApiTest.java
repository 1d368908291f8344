package io.opal.rpc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.consensus.l1.L1BlockRef;
import io.opal.consensus.rollup.BlockId;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.primitives.Hash;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.config.RollupConfigParser;
import io.opal.primitives.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optimism_syncStatus}, {@code optimism_rollupConfig} and {@code optimism_version} over a
 * real authenticated server, checked field by field against op-node's Go structs ({@code
 * op-service/eth/sync_status.go}, {@code id.go}: snake_case status fields, camelCase ref fields,
 * {@code uint64} as JSON numbers) and, for the config, against OP Sepolia's registry entry.
 */
class RollupApiTest {
  static final Set<String> L1_FIELDS = Set.of("hash", "number", "parentHash", "timestamp");
  static final Set<String> L2_FIELDS =
      Set.of("hash", "number", "parentHash", "timestamp", "l1origin", "sequenceNumber");

  @TempDir Path dir;

  AdminClient.Reply call(RollupConfig config, RecordingSequencer seq, String method)
      throws Exception {
    try (AdminRpcServer server =
            AdminRpcServer.builder(seq, config)
                .port(0)
                .jwtSecretFile(dir.resolve("jwt.hex"))
                .version("v0.1.0")
                .random(new Random(1))
                .start();
        AdminClient client = new AdminClient(server.port())) {
      byte[] key = AdminClient.keyOf(Files.readString(server.secretFile()));
      return client.call(AdminClient.bearer(key, System.currentTimeMillis() / 1000), method, "[]");
    }
  }

  static RollupConfig opSepolia() throws Exception {
    Path d = Fixtures.require("superchain/configs/sepolia");
    return RollupConfigParser.fromSuperchainToml(
        Files.readString(d.resolve("op.toml")),
        Files.readString(d.resolve("superchain.toml")),
        "op.toml");
  }

  static Set<String> fields(JsonNode object) {
    Set<String> out = new TreeSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static void assertL1(L1BlockRef expected, JsonNode actual) {
    assertEquals(L1_FIELDS, fields(actual), actual.toString());
    assertEquals(expected.hash().toString(), actual.get("hash").asText());
    assertTrue(actual.get("number").isIntegralNumber(), actual.toString());
    assertEquals(Long.toUnsignedString(expected.number()), actual.get("number").asText());
    assertEquals(expected.parentHash().toString(), actual.get("parentHash").asText());
    assertTrue(actual.get("timestamp").isIntegralNumber(), actual.toString());
    assertEquals(Long.toUnsignedString(expected.timestamp()), actual.get("timestamp").asText());
  }

  static void assertL2(L2BlockRef expected, JsonNode actual) {
    assertEquals(L2_FIELDS, fields(actual), actual.toString());
    assertEquals(expected.hash().toString(), actual.get("hash").asText());
    assertTrue(actual.get("number").isIntegralNumber(), actual.toString());
    assertEquals(Long.toUnsignedString(expected.number()), actual.get("number").asText());
    assertEquals(expected.parentHash().toString(), actual.get("parentHash").asText());
    assertEquals(Long.toUnsignedString(expected.timestamp()), actual.get("timestamp").asText());
    JsonNode origin = actual.get("l1origin");
    assertEquals(Set.of("hash", "number"), fields(origin));
    assertEquals(expected.l1Origin().hash().toString(), origin.get("hash").asText());
    assertTrue(origin.get("number").isIntegralNumber());
    assertEquals(expected.l1Origin().number(), origin.get("number").asLong());
    assertTrue(actual.get("sequenceNumber").isIntegralNumber());
    assertEquals(expected.sequenceNumber(), actual.get("sequenceNumber").asLong());
  }

  /** op-node's eleven SyncStatus fields, in its order. */
  static final List<String> SYNC_STATUS_FIELDS =
      List.of(
          "current_l1",
          "current_l1_finalized",
          "head_l1",
          "safe_l1",
          "finalized_l1",
          "unsafe_l2",
          "safe_l2",
          "finalized_l2",
          "pending_safe_l2",
          "cross_unsafe_l2",
          "local_safe_l2");

  static void assertSyncStatus(SyncStatus s, JsonNode json) {
    List<String> order = new ArrayList<>();
    json.fieldNames().forEachRemaining(order::add);
    assertEquals(SYNC_STATUS_FIELDS, order);
    assertL1(s.currentL1(), json.get("current_l1"));
    assertL1(s.finalizedL1(), json.get("current_l1_finalized"));
    assertL1(s.headL1(), json.get("head_l1"));
    assertL1(s.safeL1(), json.get("safe_l1"));
    assertL1(s.finalizedL1(), json.get("finalized_l1"));
    assertL2(s.unsafeL2(), json.get("unsafe_l2"));
    assertL2(s.safeL2(), json.get("safe_l2"));
    assertL2(s.finalizedL2(), json.get("finalized_l2"));
    assertL2(s.safeL2(), json.get("pending_safe_l2"));
    assertL2(s.unsafeL2(), json.get("cross_unsafe_l2"));
    assertL2(s.safeL2(), json.get("local_safe_l2"));
  }

  @Test
  void syncStatusHasOpNodesShapeAndValues() throws Exception {
    SyncStatus s = AdminRpcServerTest.status();
    RecordingSequencer seq = new RecordingSequencer(s.unsafeL2().hash(), s);
    AdminClient.Reply r = call(opSepolia(), seq, "optimism_syncStatus");
    assertEquals(200, r.status());
    assertSyncStatus(s, r.result());
    assertEquals(List.of("syncStatus"), seq.calls);
  }

  @Test
  void numbersAreUnsigned64BitJsonNumbers() throws Exception {
    long max = -1L; // 2^64 - 1
    L1BlockRef l1 = new L1BlockRef(AdminRpcServerTest.h("a"), max, Hash.ZERO, max - 1);
    L2BlockRef l2 =
        new L2BlockRef(
            AdminRpcServerTest.h("b"),
            Long.MIN_VALUE, // 2^63
            Hash.ZERO,
            max,
            new BlockId(AdminRpcServerTest.h("c"), max),
            max);
    SyncStatus s = new SyncStatus(l1, l1, l1, l1, l2, l2, l2);
    AdminClient.Reply r =
        call(opSepolia(), new RecordingSequencer(Hash.ZERO, s), "optimism_syncStatus");
    assertTrue(r.body().contains("\"number\":18446744073709551615,"), r.body());
    assertTrue(r.body().contains("\"number\":9223372036854775808,"), r.body());
    assertTrue(r.body().contains("\"sequenceNumber\":18446744073709551615}"), r.body());
    assertSyncStatus(s, r.result());
  }

  @Test
  void rollupConfigIsOpSepoliasRollupJson() throws Exception {
    JsonNode c =
        call(
                opSepolia(),
                new RecordingSequencer(Hash.ZERO, AdminRpcServerTest.status()),
                "optimism_rollupConfig")
            .result();
    // Values from the superchain registry's op.toml / superchain.toml for OP Sepolia, under
    // op-node's rollup.json field names.
    JsonNode genesis = c.get("genesis");
    assertEquals(
        "0x48f520cf4ddaf34c8336e6e490632ea3cf1e5e93b0b2bc6e917557e31845371b",
        genesis.get("l1").get("hash").asText());
    assertEquals(4071408, genesis.get("l1").get("number").asLong());
    assertEquals(
        "0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d",
        genesis.get("l2").get("hash").asText());
    assertEquals(0, genesis.get("l2").get("number").asLong());
    assertEquals(1691802540L, genesis.get("l2_time").asLong());
    JsonNode sys = genesis.get("system_config");
    assertEquals("0x8f23bb38f531600e5d8fddaaec41f13fab46e98c", sys.get("batcherAddr").asText());
    assertEquals(
        "0x00000000000000000000000000000000000000000000000000000000000000bc",
        sys.get("overhead").asText());
    assertEquals(
        "0x00000000000000000000000000000000000000000000000000000000000a6fe0",
        sys.get("scalar").asText());
    assertEquals(30_000_000L, sys.get("gasLimit").asLong());
    assertEquals(2, c.get("block_time").asLong());
    assertEquals(600, c.get("max_sequencer_drift").asLong());
    assertEquals(3600, c.get("seq_window_size").asLong());
    assertEquals(11155111L, c.get("l1_chain_id").asLong());
    assertEquals(11155420L, c.get("l2_chain_id").asLong());
    assertEquals(1699981200L, c.get("canyon_time").asLong());
    assertEquals(1703203200L, c.get("delta_time").asLong());
    assertEquals(1708534800L, c.get("ecotone_time").asLong());
    assertEquals(1716998400L, c.get("fjord_time").asLong());
    assertEquals(1723478400L, c.get("granite_time").asLong());
    assertEquals(1732633200L, c.get("holocene_time").asLong());
    assertEquals(1742486400L, c.get("pectra_blob_schedule_time").asLong());
    assertEquals(1744905600L, c.get("isthmus_time").asLong());
    assertEquals(1763568001L, c.get("jovian_time").asLong());
    assertEquals(
        "0xff00000000000000000000000000000011155420", c.get("batch_inbox_address").asText());
    assertEquals(
        "0x16fc5058f25648194471939df75cf27a2fdc48bc", c.get("deposit_contract_address").asText());
    assertEquals(
        "0x034edd2a225f7f429a63e0f1d2084b9e0a93b538", c.get("l1_system_config_address").asText());
    JsonNode op = c.get("chain_op_config");
    assertEquals(6, op.get("eip1559Elasticity").asLong());
    assertEquals(50, op.get("eip1559Denominator").asLong());
    assertEquals(250, op.get("eip1559DenominatorCanyon").asLong());
    // The answer is what rollup.json parses back into: the same config (compared as text, since
    // OpForkSchedule has no value equality).
    assertEquals(
        opSepolia().toString(),
        RollupConfigParser.fromRollupJson(c.toString(), "answer").toString());
  }

  @Test
  void versionIsTheConfiguredString() throws Exception {
    AdminClient.Reply r =
        call(
            opSepolia(),
            new RecordingSequencer(Hash.ZERO, AdminRpcServerTest.status()),
            "optimism_version");
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"v0.1.0\"}", r.body());
  }
}
