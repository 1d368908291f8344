package io.opal.rpc.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.execution.l1chain.L1Chain;
import io.opal.execution.l1chain.L1Mempool;
import io.opal.execution.l1chain.L1Producer;
import io.opal.execution.l1chain.L1Rules;
import io.opal.execution.l1chain.L1TestChain;
import io.opal.execution.op.ExecutedBlock;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.primitives.tx.BlobSidecar;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.BlobTransactionWithSidecar;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.beacon.L1BeaconRoutes;
import io.opal.rpc.eth.EthApi;
import io.opal.rpc.eth.EthConfig;
import io.opal.storage.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The eth_ methods and beacon routes over HTTP on a real L1 dev chain (in memory): transactions in
 * through eth_sendRawTransaction, blocks from the {@link L1Producer}, answers checked against the
 * chain and {@link L1Rules}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class L1EthBackendTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long GENESIS_TIME = 1_700_000_000L;
  static final DevAccounts.DevAccount ALICE = L1TestChain.ALICE;
  static final Address BOB = L1TestChain.BOB;

  L1Chain chain;
  L1Mempool pool;
  L1Producer producer;
  JsonRpcServer server;
  HttpClient http;
  ExecutedBlock transferBlock;
  ExecutedBlock blobBlock;
  String transferHash;
  String blobHash;
  Bytes commitment;

  @BeforeAll
  void start() throws Exception {
    chain = L1TestChain.open(InMemoryKeyValueStore.create(), GENESIS_TIME, 30_000_000);
    pool = new L1Mempool(chain.rules());
    producer = new L1Producer(chain, pool, 12, 30_000_000, Address.ZERO, () -> GENESIS_TIME);
    RpcMethodRegistry registry = new RpcMethodRegistry();
    EthApi.register(registry, L1EthBackend.create(chain, pool), EthConfig.defaults());
    L1BeaconRoutes beacon =
        new L1BeaconRoutes(
            GENESIS_TIME,
            12,
            new L1BeaconRoutes.BlobSource() {
              @Override
              public Optional<List<L1Producer.StoredBlob>> sidecars(long slot) {
                return producer.sidecars(slot);
              }

              @Override
              public long headSlot() {
                return producer.slotOf(chain.head().timestamp());
              }
            },
            "test");
    server =
        JsonRpcServer.builder(registry)
            .config(
                RpcServerConfig.defaults()
                    .builder()
                    .port(0)
                    .apis(Set.of("eth", "txpool"))
                    .maxRequestBodyBytes(4 << 20)
                    .build())
            .getRoutes(beacon)
            .build()
            .start();
    http = HttpClient.newHttpClient();

    transferHash = text(rpc("eth_sendRawTransaction", "[\"" + transfer(0).toHexString() + "\"]"));
    // Before the block: the pending nonce counts the pooled transaction, latest does not.
    assertEquals(
        "0x1", text(rpc("eth_getTransactionCount", "[\"" + ALICE.address() + "\",\"pending\"]")));
    assertEquals(
        "0x0", text(rpc("eth_getTransactionCount", "[\"" + ALICE.address() + "\",\"latest\"]")));
    assertEquals("0x1", rpc("txpool_status", "[]").get("pending").asText());
    transferBlock = producer.sealNow();

    blobHash = text(rpc("eth_sendRawTransaction", "[\"" + blobTx(1).toHexString() + "\"]"));
    blobBlock = producer.sealNow();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private static Bytes transfer(long nonce) {
    return L1TestChain.transfer(nonce);
  }

  /** A blob transaction in network form carrying the zero blob (commitment and proof: infinity). */
  private Bytes blobTx(long nonce) {
    byte[] c = new byte[48];
    c[0] = (byte) 0xc0;
    commitment = Bytes.wrap(c);
    BlobTransaction tx =
        TransactionSigner.sign(
            new BlobTransaction(
                900,
                nonce,
                UInt256.valueOf(1_000_000_000L),
                UInt256.valueOf(10_000_000_000L),
                21_000,
                Optional.of(BOB),
                UInt256.ZERO,
                Bytes.EMPTY,
                List.of(),
                UInt256.valueOf(1_000),
                List.of(Hash.wrap(L1BeaconRoutes.versionedHash(commitment).toArray())),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            ALICE.privateKey().toArray());
    BlobSidecar sidecar =
        new BlobSidecar(
            0,
            List.of(Bytes.wrap(new byte[BlobSidecar.BYTES_PER_BLOB])),
            List.of(commitment),
            List.of(commitment));
    return Bytes.wrap(
        TransactionCodec.encodeWithSidecar(new BlobTransactionWithSidecar(tx, sidecar)));
  }

  private JsonNode rpc(String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode n = JSON.readTree(r.body());
    if (n.has("error")) {
      throw new AssertionError(method + ": " + n.get("error"));
    }
    return n.get("result");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String text(JsonNode n) {
    return n.asText();
  }

  private static long quantity(JsonNode n) {
    return Long.decode(n.asText());
  }

  @Test
  void chainIdHeadsAndBlocks() throws Exception {
    assertEquals(900, quantity(rpc("eth_chainId", "[]")));
    assertEquals(2, quantity(rpc("eth_blockNumber", "[]")));
    // safe 2 and finalized 8 blocks behind a head at 2: both still at genesis.
    assertEquals(0, quantity(rpc("eth_getBlockByNumber", "[\"safe\",false]").get("number")));
    assertEquals(0, quantity(rpc("eth_getBlockByNumber", "[\"finalized\",false]").get("number")));
    JsonNode b1 = rpc("eth_getBlockByNumber", "[\"0x1\",true]");
    assertEquals(transferBlock.hash().toString(), b1.get("hash").asText());
    assertEquals(transferHash, b1.get("transactions").get(0).get("hash").asText());
    assertEquals(GENESIS_TIME + 12, quantity(b1.get("timestamp")));
    JsonNode byHash = rpc("eth_getBlockByHash", "[\"" + blobBlock.hash() + "\",false]");
    assertEquals(2, quantity(byHash.get("number")));
    assertEquals(131072, quantity(byHash.get("blobGasUsed")));
  }

  @Test
  void receiptsHaveNoOpFieldsAndBlobFieldsOnBlobTransactions() throws Exception {
    JsonNode r = rpc("eth_getTransactionReceipt", "[\"" + transferHash + "\"]");
    assertEquals("0x1", r.get("status").asText());
    assertEquals(21000, quantity(r.get("gasUsed")));
    assertFalse(r.has("l1Fee"), r.toString());
    assertFalse(r.has("blobGasUsed"), r.toString());
    JsonNode blob = rpc("eth_getTransactionReceipt", "[\"" + blobHash + "\"]");
    assertEquals("0x3", blob.get("type").asText());
    assertEquals(131072, quantity(blob.get("blobGasUsed")));
    BlockHeader h = blobBlock.block().header();
    assertEquals(
        chain.rules().blobBaseFee(h.excessBlobGas().getAsLong()),
        new BigInteger(blob.get("blobGasPrice").asText().substring(2), 16));
    JsonNode all = rpc("eth_getBlockReceipts", "[\"0x2\"]");
    assertEquals(blobHash, all.get(0).get("transactionHash").asText());
    JsonNode tx = rpc("eth_getTransactionByHash", "[\"" + blobHash + "\"]");
    assertEquals(
        L1BeaconRoutes.versionedHash(commitment).toHexString(),
        tx.get("blobVersionedHashes").get(0).asText());
  }

  @Test
  void stateAndCalls() throws Exception {
    assertEquals("0x3039", text(rpc("eth_getBalance", "[\"" + BOB + "\",\"latest\"]")));
    assertEquals(
        "0x2", text(rpc("eth_getTransactionCount", "[\"" + ALICE.address() + "\",\"latest\"]")));
    // The EIP-4788 beacon roots contract is deployed at genesis on this chain.
    JsonNode code =
        rpc("eth_getCode", "[\"0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02\",\"latest\"]");
    assertTrue(code.asText().length() > 2, code.toString());
    assertEquals(
        21000,
        quantity(
            rpc(
                "eth_estimateGas",
                "[{\"from\":\""
                    + ALICE.address()
                    + "\",\"to\":\""
                    + BOB
                    + "\",\"value\":\"0x1\"}]")));
    assertEquals("0x", text(rpc("eth_call", "[{\"to\":\"" + BOB + "\"},\"latest\"]")));
  }

  @Test
  void feesFollowTheL1Rules() throws Exception {
    BlockHeader head = chain.head();
    assertEquals(
        BigInteger.valueOf(L1Rules.nextBaseFee(head)),
        new BigInteger(
            rpc("eth_feeHistory", "[1,\"latest\",[]]")
                .get("baseFeePerGas")
                .get(1)
                .asText()
                .substring(2),
            16));
    assertEquals(
        chain.rules().blobBaseFee(chain.rules().nextExcessBlobGas(head)),
        new BigInteger(rpc("eth_blobBaseFee", "[]").asText().substring(2), 16));
    JsonNode history = rpc("eth_feeHistory", "[2,\"latest\",[]]");
    // Block 2 used one blob of Prague's nine.
    assertEquals(1.0 / 9, history.get("blobGasUsedRatio").get(1).asDouble(), 1e-9);
    assertTrue(quantity(rpc("eth_gasPrice", "[]")) > 0);
  }

  @Test
  void beaconRoutesServeGenesisSpecAndTheBlob() throws Exception {
    JsonNode genesis = JSON.readTree(get("/eth/v1/beacon/genesis").body());
    assertEquals(String.valueOf(GENESIS_TIME), genesis.get("data").get("genesis_time").asText());
    JsonNode spec = JSON.readTree(get("/eth/v1/config/spec").body());
    assertEquals("12", spec.get("data").get("SECONDS_PER_SLOT").asText());
    long slot = (blobBlock.block().header().timestamp() - GENESIS_TIME) / 12;
    assertEquals(2, slot);
    JsonNode sidecars = JSON.readTree(get("/eth/v1/beacon/blob_sidecars/2").body()).get("data");
    assertEquals(1, sidecars.size());
    assertEquals(commitment.toHexString(), sidecars.get(0).get("kzg_commitment").asText());
    assertEquals(
        "2", sidecars.get(0).get("signed_block_header").get("message").get("slot").asText());
    assertEquals(
        "0x" + "00".repeat(BlobSidecar.BYTES_PER_BLOB), sidecars.get(0).get("blob").asText());
    // Filters: an index the block lacks gives an empty list; the transfer's block has no blobs.
    assertEquals(
        0,
        JSON.readTree(get("/eth/v1/beacon/blob_sidecars/2?indices=1").body()).get("data").size());
    assertEquals(0, JSON.readTree(get("/eth/v1/beacon/blob_sidecars/1").body()).get("data").size());
    assertEquals(
        1, JSON.readTree(get("/eth/v1/beacon/blob_sidecars/head").body()).get("data").size());
    assertEquals(404, get("/eth/v1/beacon/blob_sidecars/99").statusCode());
    assertEquals(400, get("/eth/v1/beacon/blob_sidecars/x'").statusCode());
    assertEquals(404, get("/eth/v1/nothing").statusCode());
    JsonNode none =
        JSON.readTree(get("/eth/v1/beacon/blobs/2?versioned_hashes=0x01" + "00".repeat(31)).body());
    assertEquals(0, none.get("data").size());
    // JSON-RPC still answers on / beside the routes.
    assertEquals(200, get("/").statusCode());
  }
}
