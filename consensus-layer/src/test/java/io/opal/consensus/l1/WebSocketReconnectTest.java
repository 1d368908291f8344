package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A WebSocket L1 endpoint that goes away and comes back. */
class WebSocketReconnectTest {

  @Test
  void lostConnectionEndsSubscriptionsAndTheNextCallReconnects() throws Exception {
    Anvil.requireBinary();
    Vertx vertx = Vertx.vertx();
    int port = Anvil.freePort();
    RetryPolicy patient =
        new RetryPolicy(20, Duration.ofMillis(50), Duration.ofMillis(500), 2.0, 0.2);
    Anvil first = Anvil.start(port);
    try (JsonRpcL1Client ws =
        JsonRpcL1Client.connect(vertx, first.ws(), L1ClientConfig.DEFAULT.withRetry(patient))) {
      LinkedBlockingQueue<L1Exception> errors = new LinkedBlockingQueue<>();
      LinkedBlockingQueue<L1Header> heads = new LinkedBlockingQueue<>();
      ws.subscribeNewHeads(heads::add, errors::add).join();
      first.mine(1);
      assertTrue(heads.poll(10, TimeUnit.SECONDS) != null);
      first.close();
      L1Exception lost = errors.poll(10, TimeUnit.SECONDS);
      assertTrue(lost != null, "the subscription's end is reported");
      assertEquals(L1Exception.Kind.TEMPORARY, lost.kind());
      try (Anvil second = Anvil.start(port)) {
        assertEquals(31337L, ws.chainId().join());
        ws.subscribeNewHeads(heads::add, errors::add).join();
        second.mine(1);
        L1Header h = heads.poll(10, TimeUnit.SECONDS);
        assertTrue(h != null && h.number() == 1, "heads flow again after resubscribing");
      }
    } finally {
      first.close();
      vertx.close().await();
    }
  }
}
