package io.opal.app.l1chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.consensus.contracts.OpContracts;
import io.opal.consensus.devnet.l1.DevnetL1Params;
import io.opal.consensus.devnet.l1.L1Deployment;
import io.opal.consensus.devnet.l1.OpContractsDeployer;
import io.opal.consensus.l1.BlockSelector;
import io.opal.consensus.l1.CallRequest;
import io.opal.consensus.l1.JsonRpcL1Client;
import io.opal.consensus.l1.L1ClientConfig;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.rpc.beacon.L1BeaconRoutes;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded L1 on a temporary data directory, used by real clients: the OP contracts deployed
 * through its JSON-RPC by {@link OpContractsDeployer} and read back, cast sending a transfer and a
 * blob transaction, the blob fetched back from the beacon route, and a restart resuming the chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedL1Test {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RECIPIENT = "0x000000000000000000000000000000000000beef";

  @TempDir static Path dir;
  EmbeddedL1 l1;
  Vertx vertx;
  JsonRpcL1Client client;

  @BeforeAll
  void start() {
    l1 = EmbeddedL1.start(EmbeddedL1.Config.defaults(dir).withAutomine(true));
    vertx = Vertx.vertx();
    client = JsonRpcL1Client.connect(vertx, URI.create(l1.rpcUrl()), L1ClientConfig.DEFAULT);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (l1 != null) {
      l1.close();
    }
  }

  @Test
  @Order(1)
  void genesisPrefundsTheDevAccountsInThePast() {
    long now = System.currentTimeMillis() / 1000;
    long genesis = l1.chain().genesis().timestamp();
    assertTrue(genesis <= now - 64 * 12 && genesis > now - 64 * 12 - 60, "genesis " + genesis);
    assertEquals(900L, client.chainId().join());
    for (DevAccounts.DevAccount a : DevAccounts.standard(10)) {
      assertEquals(
          new BigInteger("10000000000000000000000"),
          client.balance(a.address(), BlockSelector.number(0)).join().toBigInteger());
    }
  }

  @Test
  @Order(2)
  void opContractsDeployThroughTheRpc() {
    OpContracts artifacts = OpContracts.load().orElse(null);
    Assumptions.assumeTrue(artifacts != null, "OP contract artifacts not built (npm), skipped");
    DevAccounts.DevAccount deployer = DevAccounts.standard(1).get(0);
    long before = l1.chain().head().number();
    L1Deployment d =
        new OpContractsDeployer(
                client,
                artifacts,
                TaskScheduler.vertx(vertx),
                Duration.ofMillis(20),
                Duration.ofSeconds(60))
            .deploy(DevnetL1Params.defaults(deployer.privateKey()));
    assertEquals(900, d.l1ChainId());
    assertEquals(deployer.address(), d.deployer());
    assertTrue(l1.chain().head().number() > before);
    // Read back through eth_call and eth_getCode against the chain the deployer wrote.
    Address portal = d.optimismPortal().proxy();
    var f = artifacts.get("OptimismPortal").function("systemConfig");
    Bytes out = client.call(CallRequest.to(portal, f.encodeCall()), BlockSelector.latest()).join();
    assertEquals(d.systemConfig().proxy(), f.decodeOutput(out).getFirst());
    assertEquals(
        artifacts.get("SystemConfig").runtimeCode(),
        client.code(d.systemConfig().implementation(), BlockSelector.latest()).join());
    var owner = artifacts.get("ProxyAdmin").function("owner");
    assertEquals(
        deployer.address(),
        owner
            .decodeOutput(
                client
                    .call(
                        CallRequest.to(d.proxyAdmin(), owner.encodeCall()), BlockSelector.latest())
                    .join())
            .getFirst());
  }

  @Test
  @Order(3)
  void castSendsATransfer() throws Exception {
    Path cast = castBinary();
    String key = DevAccounts.standard(2).get(1).privateKey().toHexString();
    JsonNode receipt =
        JSON.readTree(
            run(
                cast,
                "send",
                "--json",
                "--rpc-url",
                l1.rpcUrl(),
                "--private-key",
                key,
                RECIPIENT,
                "--value",
                "1ether"));
    assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
    assertEquals(
        BigInteger.TEN.pow(18).toString(),
        run(cast, "balance", "--rpc-url", l1.rpcUrl(), RECIPIENT).strip());
  }

  @Test
  @Order(4)
  void castSendsABlobAndTheBeaconRouteServesIt() throws Exception {
    Path cast = castBinary();
    String key = DevAccounts.standard(3).get(2).privateKey().toHexString();
    Path data = dir.resolve("blob.bin");
    Files.writeString(data, "opal embedded L1 blob test");
    // cast 1.x sends EIP-7594 cell proofs with --blob alone; --eip4844 asks for the version-0
    // sidecar (one KZG proof per blob) that a Prague chain takes.
    JsonNode receipt =
        JSON.readTree(
            run(
                cast,
                "send",
                "--json",
                "--rpc-url",
                l1.rpcUrl(),
                "--private-key",
                key,
                "--blob",
                "--eip4844",
                "--path",
                data.toString(),
                RECIPIENT));
    assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
    assertEquals("0x3", receipt.get("type").asText());
    assertTrue(receipt.has("blobGasUsed"), receipt.toString());
    JsonNode tx =
        JSON.readTree(
            run(
                cast,
                "tx",
                "--json",
                "--rpc-url",
                l1.rpcUrl(),
                receipt.get("transactionHash").asText()));
    String versionedHash = tx.get("blobVersionedHashes").get(0).asText();

    long blockNumber = Long.decode(receipt.get("blockNumber").asText());
    long timestamp = l1.chain().db().chain().canonicalHeader(blockNumber).orElseThrow().timestamp();
    JsonNode genesis = get("/eth/v1/beacon/genesis");
    JsonNode spec = get("/eth/v1/config/spec");
    long slot =
        (timestamp - genesis.get("data").get("genesis_time").asLong())
            / spec.get("data").get("SECONDS_PER_SLOT").asLong();
    JsonNode sidecars = get("/eth/v1/beacon/blob_sidecars/" + slot).get("data");
    assertEquals(1, sidecars.size());
    JsonNode s = sidecars.get(0);
    assertEquals("0", s.get("index").asText());
    assertEquals(
        String.valueOf(slot), s.get("signed_block_header").get("message").get("slot").asText());
    Bytes commitment = Bytes.fromHexString(s.get("kzg_commitment").asText());
    assertEquals(versionedHash, L1BeaconRoutes.versionedHash(commitment).toHexString());
    Bytes blob = Bytes.fromHexString(s.get("blob").asText());
    assertEquals(131072, blob.size());
    // The blobs route filters by versioned hash and returns the same blob.
    JsonNode blobs = get("/eth/v1/beacon/blobs/" + slot + "?versioned_hashes=" + versionedHash);
    assertEquals(s.get("blob").asText(), blobs.get("data").get(0).asText());
    // A slot without a block is a 404.
    assertEquals(404, status("/eth/v1/beacon/blob_sidecars/" + (slot + 1000)));
  }

  @Test
  @Order(5)
  void restartResumesTheChain() {
    Hash head = l1.chain().head().hash();
    long number = l1.chain().head().number();
    Hash genesis = l1.chain().genesis().hash();
    client.close();
    l1.close();
    l1 = EmbeddedL1.start(EmbeddedL1.Config.defaults(dir).withAutomine(true));
    client = JsonRpcL1Client.connect(vertx, URI.create(l1.rpcUrl()), L1ClientConfig.DEFAULT);
    assertEquals(head, l1.chain().head().hash());
    assertEquals(genesis, l1.chain().genesis().hash());
    assertEquals(number, client.headerByNumber(number).join().number());
    var next = l1.sealNow();
    assertEquals(number + 1, next.block().header().number());
    assertEquals(head, next.block().header().parentHash());
    assertFalse(l1.automine() && l1.mempool().size() > 0);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http(path);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private int status(String path) throws IOException, InterruptedException {
    return http(path).statusCode();
  }

  private HttpResponse<String> http(String path) throws IOException, InterruptedException {
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(
          HttpRequest.newBuilder(URI.create(l1.beaconUrl() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  static Path castBinary() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isDirectory(d.resolve("tools/js"))) {
      d = d.getParent();
    }
    Assumptions.assumeTrue(d != null, "tools/js not found above the working directory");
    Path cast = d.resolve("tools/js/node_modules/.bin/cast");
    Assumptions.assumeTrue(
        Files.isExecutable(cast), () -> "cast missing, skipped: run scripts/npm-tools.sh");
    return cast;
  }

  /** Runs cast; fails with its output unless it exits 0 within a minute; returns stdout. */
  static String run(Path cast, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(cast.toString()));
    command.addAll(List.of(args));
    Path errFile = Files.createTempFile("cast", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("cast " + args[0] + " timed out");
      }
      String stdout = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "cast "
                + args[0]
                + " exited "
                + p.exitValue()
                + ": "
                + stdout
                + Files.readString(errFile));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(errFile);
    }
  }
}
