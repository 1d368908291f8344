package io.opal.rpc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.consensus.l1.L1BlockRef;
import io.opal.consensus.rollup.BlockId;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.execution.engine.EngineTestChain;
import io.opal.primitives.Hash;
import io.opal.primitives.fork.OpFork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint on a real port: authentication, the sequencer controls and their errors. */
class AdminRpcServerTest {
  static final Hash HEAD = Hash.keccak("unsafe head".getBytes());

  @TempDir Path dir;
  RecordingSequencer sequencer;
  AdminRpcServer server;
  AdminClient client;
  byte[] key;

  @BeforeEach
  void start() throws Exception {
    sequencer = new RecordingSequencer(HEAD, status());
    server =
        AdminRpcServer.builder(sequencer, EngineTestChain.config(OpFork.ISTHMUS))
            .port(0)
            .jwtSecretFile(dir.resolve("secrets/admin-jwt.hex"))
            .version("v1.2.3-test")
            .random(new Random(42))
            .start();
    client = new AdminClient(server.port());
    key = AdminClient.keyOf(Files.readString(server.secretFile()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  String auth() {
    return AdminClient.bearer(key, now());
  }

  /** Distinct values in every field, one of them above 2^63 to catch signed encoding. */
  static SyncStatus status() {
    return new SyncStatus(
        l1("current", 100),
        l1("head", 105),
        l1("safe", 90),
        l1("finalized", 70),
        l2("unsafe", 50, 3),
        l2("safe", 40, 1),
        l2("finalized", 30, 0));
  }

  static L1BlockRef l1(String label, long n) {
    return new L1BlockRef(h(label), n, h(label + " parent"), 1_700_000_000L + n * 12);
  }

  static L2BlockRef l2(String label, long n, long seq) {
    return new L2BlockRef(
        h("l2 " + label),
        n,
        h("l2 " + label + " parent"),
        1_700_000_100L + n * 2,
        new BlockId(h("l2 " + label + " origin"), 1000 + n),
        seq);
  }

  static Hash h(String label) {
    return Hash.keccak(label.getBytes());
  }

  @Test
  void createsA32ByteHexSecretFileReadableOnlyByItsOwner() throws Exception {
    String content = Files.readString(server.secretFile());
    assertTrue(content.matches("0x[0-9a-f]{64}\n"), content);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(server.secretFile())));
    // A restart reads the same file rather than replacing it.
    server.close();
    server =
        AdminRpcServer.builder(sequencer, EngineTestChain.config(OpFork.ISTHMUS))
            .port(0)
            .jwtSecretFile(server.secretFile())
            .start();
    assertEquals(content, Files.readString(server.secretFile()));
    AdminClient again = new AdminClient(server.port());
    assertEquals(200, again.call(auth(), "admin_sequencerActive", "[]").status());
    again.close();
  }

  @Test
  void everyBadTokenIsRefusedWith401AndChangesNothing() throws Exception {
    byte[] otherKey = AdminClient.keyOf("0x" + "ab".repeat(32));
    String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    List<String[]> refused =
        List.of(
            new String[] {null, "missing token"},
            new String[] {"Basic dXNlcjpwYXNz", "missing token"},
            new String[] {"Bearer ", "missing token"},
            new String[] {AdminClient.bearer(otherKey, now()), "signature is invalid"},
            new String[] {AdminClient.bearer(key, now() - 120), "stale token"},
            new String[] {AdminClient.bearer(key, now() + 120), "future token"},
            new String[] {
              "Bearer "
                  + AdminClient.jwt(
                      key, hs256, "{\"iat\":" + now() + ",\"exp\":" + (now() - 5) + "}"),
              "token is expired"
            },
            new String[] {
              "Bearer " + AdminClient.jwt(key, hs256, "{\"exp\":" + (now() + 60) + "}"),
              "missing issued-at"
            },
            new String[] {
              "Bearer "
                  + AdminClient.b64("{\"alg\":\"none\"}")
                  + "."
                  + AdminClient.b64("{\"iat\":" + now() + "}")
                  + ".",
              "HS256"
            },
            new String[] {"Bearer not.a.jwt", "invalid token"});
    for (String[] c : refused) {
      AdminClient.Reply r = client.call(c[0], "admin_startSequencer", "[\"" + HEAD + "\"]");
      assertEquals(401, r.status(), c[0] + " -> " + r.body());
      assertTrue(r.body().contains(c[1]), c[0] + " -> " + r.body());
      AdminClient.Reply s = client.call(c[0], "admin_stopSequencer", "[]");
      assertEquals(401, s.status(), s.body());
    }
    assertEquals(List.of(), sequencer.calls, "no refused request reached the sequencer");
    assertFalse(sequencer.active);

    // The same request with a valid token goes through.
    assertEquals(200, client.call(auth(), "admin_startSequencer", "[\"" + HEAD + "\"]").status());
    assertTrue(sequencer.active);
  }

  @Test
  void replacingTheSecretFileRevokesTokensOfTheOldSecret() throws Exception {
    long iat = now();
    String oldToken = AdminClient.bearer(key, iat);
    assertEquals(200, client.call(oldToken, "admin_sequencerActive", "[]").status());

    String rotated = "0x" + "5a".repeat(32) + "\n";
    Files.writeString(server.secretFile(), rotated);
    AdminClient.Reply revoked = client.call(oldToken, "admin_startSequencer", "[\"" + HEAD + "\"]");
    assertEquals(401, revoked.status(), revoked.body());
    assertFalse(sequencer.active);
    assertEquals(List.of("active"), sequencer.calls);

    String newToken = AdminClient.bearer(AdminClient.keyOf(rotated), iat);
    assertEquals(200, client.call(newToken, "admin_sequencerActive", "[]").status());

    // A broken secret file refuses everything rather than falling back to the last good secret.
    Files.writeString(server.secretFile(), "not a secret");
    AdminClient.Reply broken = client.call(newToken, "admin_sequencerActive", "[]");
    assertEquals(401, broken.status());
    assertTrue(broken.body().contains("jwt secret unavailable"), broken.body());
  }

  @Test
  void webSocketUpgradeNeedsAValidTokenToo() {
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
    CompletionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class,
            () ->
                http.newWebSocketBuilder()
                    .header(
                        "Authorization",
                        AdminClient.bearer(AdminClient.keyOf("0x" + "01".repeat(32)), now()))
                    .buildAsync(uri, new WebSocket.Listener() {})
                    .join());
    assertEquals(
        401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    http.shutdownNow();
  }

  @Test
  void startStopAndActiveFollowOpNode() throws Exception {
    assertEquals(false, client.call(auth(), "admin_sequencerActive", "[]").result().asBoolean());

    Hash other = h("someone else's head");
    JsonNode mismatch = client.call(auth(), "admin_startSequencer", "[\"" + other + "\"]").error();
    assertEquals(-32000, mismatch.get("code").asInt());
    assertEquals(
        "block hash does not match: head " + HEAD + ", received " + other,
        mismatch.get("message").asText());

    AdminClient.Reply started = client.call(auth(), "admin_startSequencer", "[\"" + HEAD + "\"]");
    assertTrue(started.json().has("result"), started.body());
    assertTrue(started.result().isNull(), started.body());
    assertEquals(true, client.call(auth(), "admin_sequencerActive", "[]").result().asBoolean());

    JsonNode twice = client.call(auth(), "admin_startSequencer", "[\"" + HEAD + "\"]").error();
    assertEquals(-32000, twice.get("code").asInt());
    assertEquals("sequencer already running", twice.get("message").asText());

    assertEquals(
        HEAD.toString(), client.call(auth(), "admin_stopSequencer", "[]").result().asText());
    JsonNode stopped = client.call(auth(), "admin_stopSequencer", "[]").error();
    assertEquals(-32000, stopped.get("code").asInt());
    assertEquals("sequencer not running", stopped.get("message").asText());

    assertEquals(
        List.of(
            "active", "start " + other, "start " + HEAD, "active", "start " + HEAD, "stop", "stop"),
        sequencer.calls);
  }

  @Test
  void malformedParamsAreInvalidParamsAndNeverReachTheSequencer() throws Exception {
    String[][] cases = {
      {"admin_startSequencer", "[]", "missing value for required argument 0"},
      {"admin_startSequencer", "[null]", "missing value for required argument 0"},
      {"admin_startSequencer", "[\"0x1234\"]", "invalid argument 0"},
      {"admin_startSequencer", "[\"" + HEAD.toString().substring(2) + "\"]", "invalid argument 0"},
      {"admin_startSequencer", "[12]", "invalid argument 0"},
      {"admin_startSequencer", "[{\"hash\":\"" + HEAD + "\"}]", "invalid argument 0"},
      {"admin_startSequencer", "[\"" + HEAD + "\", 1]", "too many arguments, want at most 1"},
      {"admin_stopSequencer", "[true]", "too many arguments, want at most 0"},
      {"admin_sequencerActive", "[1]", "too many arguments, want at most 0"},
      {"optimism_syncStatus", "[\"x\"]", "too many arguments, want at most 0"},
      {"admin_startSequencer", "{\"blockHash\":\"" + HEAD + "\"}", "non-array args"},
    };
    for (String[] c : cases) {
      AdminClient.Reply r = client.call(auth(), c[0], c[1]);
      assertEquals(200, r.status(), r.body());
      JsonNode error = r.error();
      assertEquals(-32602, error.get("code").asInt(), c[0] + c[1] + " -> " + r.body());
      assertTrue(error.get("message").asText().contains(c[2]), c[0] + c[1] + " -> " + r.body());
    }
    assertEquals(List.of(), sequencer.calls);
  }

  @Test
  void onlyTheAdminAndOptimismNamespacesAreServed() throws Exception {
    JsonNode error = client.call(auth(), "eth_blockNumber", "[]").error();
    assertEquals(-32601, error.get("code").asInt());
    assertEquals("v1.2.3-test", client.call(auth(), "optimism_version", "[]").result().asText());
  }
}
