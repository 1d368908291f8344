package io.opal.rpc.eth;

import static io.opal.rpc.eth.EthFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcHex;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.SubscriptionHub;
import io.opal.txpool.HeadContext;
import io.opal.txpool.L1CostFunction;
import io.opal.txpool.PoolAccount;
import io.opal.txpool.PoolConfig;
import io.opal.txpool.PoolJournal;
import io.opal.txpool.PoolSubscription;
import io.opal.txpool.TransactionPool;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** eth_sendRawTransaction, txpool_ and newPendingTransactions wired to the real pool. */
class TxPoolBackendTest {
  static final byte[] RICH_KEY = Bytes.fromHexString("0x" + "21".repeat(32)).toArrayUnsafe();
  static final byte[] POOR_KEY = Bytes.fromHexString("0x" + "22".repeat(32)).toArrayUnsafe();
  static final Address RICH = Secp256k1.get().address(RICH_KEY);
  static final Address POOR = Secp256k1.get().address(POOR_KEY);

  static String transfer(byte[] key, long nonce) {
    DynamicFeeTransaction tx =
        TransactionSigner.sign(
            new DynamicFeeTransaction(
                10,
                nonce,
                UInt256.valueOf(10),
                UInt256.valueOf(5_000),
                21_000,
                Optional.of(EthFixture.TOKEN),
                UInt256.ONE,
                Bytes.EMPTY,
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            key);
    return RpcHex.data(TransactionCodec.encode(tx));
  }

  @Test
  void sendRawTransactionThroughThePool() throws Exception {
    Map<Address, PoolAccount> accounts =
        Map.of(
            RICH,
            new PoolAccount(3, UInt256.valueOf(1_000_000_000_000L), false),
            POOR,
            new PoolAccount(0, UInt256.ZERO, false));
    HeadContext head =
        new HeadContext(
            2,
            Hash.ZERO,
            1_700_000_000L,
            30_000_000,
            UInt256.valueOf(1000),
            OpFork.ISTHMUS,
            L1CostFunction.ZERO);
    try (TransactionPool pool =
            new TransactionPool(
                PoolConfig.defaults(10),
                head,
                a -> accounts.getOrDefault(a, PoolAccount.EMPTY),
                PoolJournal.NONE,
                InstantSource.system());
        EthFixture f = new EthFixture()) {
      TxPoolBackend backend = new TxPoolBackend(pool);
      RpcMethodRegistry registry = new RpcMethodRegistry();
      EthApi.register(
          registry,
          new EthBackend(f.node, f.node, f.node, backend, backend, f.node),
          EthConfig.defaults());
      SubscriptionHub hub = new SubscriptionHub();
      EthSubscriptions subscriptions = new EthSubscriptions(hub);
      hub.registerMethods(registry);
      try (JsonRpcServer server =
              JsonRpcServer.builder(registry)
                  .config(
                      RpcServerConfig.defaults()
                          .builder()
                          .port(0)
                          .apis(Set.of("eth", "txpool"))
                          .build())
                  .subscriptions(hub)
                  .build()
                  .start();
          PoolSubscription feed = backend.feed(subscriptions, 1024)) {
        TxPoolAndSubscriptionsTest.Client ws =
            TxPoolAndSubscriptionsTest.Client.open(server.port());
        ws.call("eth_subscribe", "[\"newPendingTransactions\"]");

        String raw = transfer(RICH_KEY, 3);
        JsonNode sent = call(server, "eth_sendRawTransaction", "[" + q(raw) + "]");
        String hash = Hash.keccak(Bytes.fromHexString(raw)).toString();
        assertEquals(hash, sent.get("result").asText());
        assertEquals(hash, ws.next().get("params").get("result").asText());

        assertEquals(
            "{\"pending\":\"0x1\",\"queued\":\"0x0\"}",
            call(server, "txpool_status", "[]").get("result").toString());
        assertEquals(
            "0x4",
            call(server, "eth_getTransactionCount", "[" + q(RICH.toString()) + ", \"pending\"]")
                .get("result")
                .asText());
        JsonNode pending =
            call(server, "eth_getTransactionByHash", "[" + q(hash) + "]").get("result");
        assertEquals(RICH.toString(), pending.get("from").asText());
        assertTrue(pending.get("blockHash").isNull());
        assertEquals(
            hash,
            call(server, "txpool_content", "[]")
                .get("result")
                .get("pending")
                .get(Checksum.of(RICH))
                .get("3")
                .get("hash")
                .asText());

        assertError(call(server, "eth_sendRawTransaction", "[" + q(raw) + "]"), "already known");
        assertError(
            call(server, "eth_sendRawTransaction", "[" + q(transfer(RICH_KEY, 1)) + "]"),
            "nonce too low");
        assertError(
            call(server, "eth_sendRawTransaction", "[" + q(transfer(POOR_KEY, 0)) + "]"),
            "insufficient funds for gas * price + value");
        ws.ws().sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").join();
      }
    }
  }

  static void assertError(JsonNode r, String prefix) {
    assertEquals(-32000, r.get("error").get("code").asInt(), r.toString());
    assertTrue(r.get("error").get("message").asText().startsWith(prefix), r.toString());
  }

  static JsonNode call(JsonRpcServer server, String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    return EthFixture.JSON.readTree(
        server.handle(body.getBytes(StandardCharsets.UTF_8)).orElseThrow());
  }
}
