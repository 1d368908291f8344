package io.opal.rpc.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.state.Word256;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.SyntheticChain;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.Eip1559Config;
import io.opal.primitives.config.GenesisSystemConfig;
import io.opal.primitives.config.OpForkSchedule;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.eth.EthApi;
import io.opal.rpc.eth.EthConfig;
import io.opal.storage.BlockKey;
import io.opal.storage.InMemoryKeyValueStore;
import io.opal.txpool.PoolConfig;
import io.opal.txpool.PoolJournal;
import io.opal.txpool.TransactionPool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A real chain for the backend tests: a {@link SyntheticChain} on an in-memory {@link
 * ChainDatabase} whose genesis also holds an L1Block contract with Ecotone fee parameters, three
 * blocks (transfers; a contract deployment; a call that logs and stores, plus transfers), and the
 * {@link JsonRpcServer} with the eth_ and txpool_ methods over {@link ExecutionEthBackend} on a
 * loopback port.
 *
 * <p>The contract: empty call data stores the block number in slot 0 and logs {@link #STORED} with
 * the caller as data; call data starting 0x01 returns slot 0; anything else reverts with
 * 0xdeadbeef.
 */
final class BackendChain implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Address L1_BLOCK = Address.fromHex("0x4200000000000000000000000000000000000015");
  static final long L1_BASE_FEE = 7_000_000_000L;
  static final long BASE_FEE_SCALAR = 1368;
  static final long BLOB_BASE_FEE_SCALAR = 810_949;
  static final long L1_BLOB_BASE_FEE = 3;
  static final Hash STORED = Hash.keccak("Stored(address)".getBytes());
  static final String RUNTIME =
      "0x36"
          + "15602a57" // ISZERO PUSH1 emit JUMPI
          + "600035" // PUSH1 0 CALLDATALOAD
          + "60f81c" // PUSH1 248 SHR
          + "600114601e57" // PUSH1 1 EQ PUSH1 read JUMPI
          + "63deadbeef600052" // PUSH4 deadbeef PUSH1 0 MSTORE
          + "6004601cfd" // REVERT(28, 4)
          + "5b60005460005260206000f3" // read: JUMPDEST SLOAD(0) MSTORE RETURN(0, 32)
          + "5b43600055" // emit: JUMPDEST SSTORE(0, NUMBER)
          + "33600052" // MSTORE(0, CALLER)
          + "7f"
          + STORED.toString().substring(2) // PUSH32 topic
          + "60206000a100"; // LOG1(0, 32, topic) STOP
  static final String INIT = "0x605a80600b6000396000f3" + RUNTIME.substring(2);

  final InMemoryKeyValueStore store = InMemoryKeyValueStore.create();
  final ChainDatabase db = ChainDatabase.open(store);
  final RollupConfig config;
  final SyntheticChain chain;
  final TransactionPool pool;
  final JsonRpcServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final List<Transaction> block1;
  final Transaction deployment;
  final Transaction logCall;
  final List<Transaction> block3;

  /** Every fork up to Granite, Ecotone-style fee parameters. */
  BackendChain() {
    this(OpFork.GRANITE, ecotoneSlots());
  }

  /** Forks up to {@code last} active at genesis, the L1Block contract holding {@code l1Slots}. */
  BackendChain(OpFork last, Map<Word256, Word256> l1Slots) {
    config = config(last);
    chain =
        SyntheticChain.create(
            db, 4, Map.of(L1_BLOCK, SyntheticChain.contract(L1_BLOCK, new byte[] {0x00}, l1Slots)));
    block1 = chain.transfers(3, 0);
    chain.importBlock(block1);
    deployment = chain.creation(1, Bytes.fromHexString(INIT).toArray(), 200_000);
    chain.importBlock(List.of(deployment));
    logCall = chain.transaction(2, contract(), UInt256.ZERO, new byte[0], 100_000);
    block3 = new java.util.ArrayList<>(List.of(logCall));
    block3.addAll(chain.transfers(2, 3));
    chain.importBlock(block3);
    db.setSafeAndFinalized(key(2), key(1));
    pool =
        new TransactionPool(
            PoolConfig.defaults(SyntheticChain.CHAIN_ID),
            ExecutionEthBackend.headContext(config, db.headHeader(), db.state().head()),
            ExecutionEthBackend.poolState(db.state().head()),
            PoolJournal.NONE,
            InstantSource.system());
    RpcMethodRegistry registry = new RpcMethodRegistry();
    EthApi.register(registry, ExecutionEthBackend.create(db, config, pool), EthConfig.defaults());
    server =
        JsonRpcServer.builder(registry)
            .config(
                RpcServerConfig.defaults().builder().port(0).apis(Set.of("eth", "txpool")).build())
            .build()
            .start();
  }

  /** The contract the deployment created. */
  Address contract() {
    return ContractAddress.create(SyntheticChain.address(1), deployment.nonce());
  }

  private BlockKey key(long number) {
    return db.chain().canonicalKey(number).orElseThrow();
  }

  static Map<Word256, Word256> ecotoneSlots() {
    Map<Word256, Word256> slots = new HashMap<>();
    slots.put(Word256.of(1), Word256.of(L1_BASE_FEE));
    byte[] scalars = new byte[32];
    ByteBuffer.wrap(scalars, 16, 8)
        .putInt((int) BASE_FEE_SCALAR)
        .putInt((int) BLOB_BASE_FEE_SCALAR);
    slots.put(Word256.of(3), Word256.fromBytes(scalars));
    slots.put(Word256.of(7), Word256.of(L1_BLOB_BASE_FEE));
    return slots;
  }

  /** Forks up to {@code last} active at genesis (Holocene would need extraData in headers). */
  static RollupConfig config(OpFork last) {
    return new RollupConfig(
        new BlockId(Hash.ZERO, 0),
        new BlockId(Hash.ZERO, 0),
        0,
        new GenesisSystemConfig(Address.ZERO, Bytes32.ZERO, Bytes32.ZERO, SyntheticChain.GAS_LIMIT),
        2,
        600,
        3600,
        300,
        50,
        900,
        SyntheticChain.CHAIN_ID,
        OpForkSchedule.of(Map.of(last, 0L)),
        Optional.empty(),
        Address.ZERO,
        Address.ZERO,
        Address.ZERO,
        Optional.empty(),
        new Eip1559Config(6, 50, 250));
  }

  /** One JSON-RPC call over HTTP on the loopback port: the whole response object. */
  JsonNode call(String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(method + ": " + e, e);
    }
  }

  /** The result of a call that must succeed. */
  JsonNode result(String method, String params) {
    JsonNode r = call(method, params);
    if (r.has("error") || !r.has("result")) {
      throw new AssertionError(method + " failed: " + r);
    }
    return r.get("result");
  }

  static String q(Object s) {
    return "\"" + s + "\"";
  }

  @Override
  public void close() {
    server.close();
    pool.close();
    http.close();
    store.close();
  }
}
