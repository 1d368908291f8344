package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The L1 client when the node misbehaves: down at first, flapping, silent, missing a method, or
 * answering data that does not verify.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class L1ClientFaultsTest {
  static final RetryPolicy PATIENT =
      new RetryPolicy(12, Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.5);

  Anvil anvil;
  Vertx vertx;

  @BeforeAll
  void start() {
    anvil = Anvil.start(Anvil.freePort());
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  private JsonRpcL1Client client(java.net.URI uri, RetryPolicy retry, Duration timeout) {
    return JsonRpcL1Client.connect(
        vertx, uri, L1ClientConfig.DEFAULT.withRetry(retry).withRequestTimeout(timeout));
  }

  static L1Exception failure(CompletableFuture<?> f) {
    return L1Exception.of(assertThrows(CompletionException.class, f::join));
  }

  @Test
  void retriesUntilTheNodeComesUp() throws Exception {
    int port = Anvil.freePort();
    java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port);
    try (JsonRpcL1Client impatient = client(uri, RetryPolicy.NONE, Duration.ofSeconds(2))) {
      L1Exception e = failure(impatient.chainId());
      assertEquals(L1Exception.Kind.TEMPORARY, e.kind(), e.getMessage());
    }
    try (JsonRpcL1Client patient = client(uri, PATIENT, Duration.ofSeconds(2))) {
      CompletableFuture<Long> chainId = patient.chainId();
      Thread.sleep(600);
      assertFalse(chainId.isDone(), "still retrying while nothing listens");
      try (Anvil late = Anvil.start(port)) {
        assertEquals(31337L, chainId.join());
        assertEquals(late.blockNumber(), patient.headNumber().join());
      }
    }
  }

  @Test
  void flappingEndpointStillAnswers() {
    try (FlakyProxy proxy = new FlakyProxy(vertx, anvil.http());
        JsonRpcL1Client client = client(proxy.uri(), PATIENT, Duration.ofSeconds(2))) {
      // Every request fails three ways before the fourth try passes.
      proxy.script(
          (n, method) ->
              switch (n % 4) {
                case 0 -> new FlakyProxy.Fault.HttpStatus(503);
                case 1 -> new FlakyProxy.Fault.RpcError(-32005, "limit exceeded");
                case 2 -> new FlakyProxy.Fault.Drop();
                default -> FlakyProxy.PASS;
              });
      anvil.mine(1);
      for (int i = 0; i < 5; i++) {
        L1Header h = client.headerByNumber(1).join();
        assertEquals(1, h.number());
      }
      assertEquals(31337L, client.chainId().join());
      assertEquals(24, proxy.requests());
    }
  }

  @Test
  void silentNodeTimesOut() {
    try (FlakyProxy proxy = new FlakyProxy(vertx, anvil.http())) {
      proxy.script((n, method) -> n == 0 ? new FlakyProxy.Fault.Hang() : FlakyProxy.PASS);
      try (JsonRpcL1Client client = client(proxy.uri(), PATIENT, Duration.ofMillis(300))) {
        long start = System.nanoTime();
        assertEquals(31337L, client.chainId().join());
        assertTrue(
            System.nanoTime() - start >= Duration.ofMillis(300).toNanos(),
            "waited out the timeout");
        assertEquals(2, proxy.requests());
      }
      proxy.script((n, method) -> new FlakyProxy.Fault.Hang());
      try (JsonRpcL1Client client = client(proxy.uri(), RetryPolicy.NONE, Duration.ofMillis(300))) {
        L1Exception e = failure(client.chainId());
        assertEquals(L1Exception.Kind.TEMPORARY, e.kind());
      }
    }
  }

  /** Sends a transfer from dev account 4 (anvil mines it at once); returns its block number. */
  private long sendTransfer() {
    DynamicFeeTransaction tx =
        TransactionSigner.sign(
            new DynamicFeeTransaction(
                31337,
                Long.decode(
                    anvil
                        .rpc("eth_getTransactionCount", Anvil.devAddress(4).toString(), "pending")
                        .asText()),
                UInt256.ONE,
                UInt256.valueOf(10_000_000_000L),
                21000,
                Optional.of(Anvil.devAddress(3)),
                UInt256.ONE,
                Bytes.EMPTY,
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            Anvil.DEV_KEYS.get(4).toArray());
    anvil.sendRawAndWait(Bytes.wrap(TransactionCodec.encode(tx)).toHexString());
    return anvil.blockNumber();
  }

  @Test
  void receiptsFallBackToOneRequestPerTransaction() {
    sendTransfer();
    sendTransfer();
    long latest = anvil.blockNumber();
    try (FlakyProxy proxy = new FlakyProxy(vertx, anvil.http());
        JsonRpcL1Client client = client(proxy.uri(), PATIENT, Duration.ofSeconds(2))) {
      proxy.script(
          (n, method) ->
              method.equals("eth_getBlockReceipts")
                  ? new FlakyProxy.Fault.RpcError(
                      -32601, "the method eth_getBlockReceipts does not exist/is not available")
                  : FlakyProxy.PASS);
      for (long number = latest - 1; number <= latest; number++) {
        L1Header h = client.headerByNumber(number).join();
        List<L1Receipt> receipts = client.receipts(h.hash()).join();
        assertEquals(1, receipts.size());
        assertTrue(receipts.getFirst().succeeded());
      }
      assertEquals(1, proxy.requests("eth_getBlockReceipts"), "asked once, then never again");
      assertEquals(2, proxy.requests("eth_getTransactionReceipt"));
      // Blocks, headers and receipts by hash come from the cache the second time.
      int before = proxy.requests();
      L1Header h = client.headerByNumber(latest).join();
      client.receipts(h.hash()).join();
      client.blockByHash(h.hash()).join();
      client.headerByHash(h.hash()).join();
      assertEquals(before + 1, proxy.requests(), "only the lookup by number went to the node");
    }
  }

  @Test
  void answersThatDoNotVerifyAreCriticalAndNotRetried() {
    anvil.mine(1);
    try (FlakyProxy proxy = new FlakyProxy(vertx, anvil.http());
        JsonRpcL1Client client = client(proxy.uri(), PATIENT, Duration.ofSeconds(2))) {
      proxy.script(
          (n, method) ->
              new FlakyProxy.Fault.Tamper(
                  r -> {
                    ((ObjectNode) r).put("gasUsed", "0x1");
                    return r;
                  }));
      L1Exception e = failure(client.headerByNumber(1));
      assertEquals(L1Exception.Kind.CRITICAL, e.kind());
      assertTrue(e.getMessage().contains("header hash mismatch"), e.getMessage());
      assertEquals(1, proxy.requests());

      // A block whose transaction list lost an entry no longer matches its transactions root.
      long withTx = sendTransfer();
      proxy.script(
          (n, method) ->
              new FlakyProxy.Fault.Tamper(
                  r -> {
                    ((ArrayNode) r.get("transactions")).removeAll();
                    return r;
                  }));
      L1Exception rootMismatch = failure(client.blockByNumber(withTx));
      assertEquals(L1Exception.Kind.CRITICAL, rootMismatch.kind());
      assertTrue(
          rootMismatch.getMessage().contains("transactions root"), rootMismatch.getMessage());

      // A transaction field changed in flight no longer matches its hash.
      proxy.script(
          (n, method) ->
              new FlakyProxy.Fault.Tamper(
                  r -> {
                    ((ObjectNode) r.get("transactions").get(0)).put("value", "0x2");
                    return r;
                  }));
      L1Exception hashMismatch = failure(client.blockByNumber(withTx));
      assertTrue(
          hashMismatch.getMessage().contains("transaction hash mismatch"),
          hashMismatch.getMessage());
    }
  }
}
