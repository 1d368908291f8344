package io.opal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** close() releases everything: the port, the event loops, the call threads. */
class ServerLifecycleTest {

  static long serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("vert.x-") || n.startsWith("lifecycle-"))
        .count();
  }

  @Test
  void closeStopsThreadsAndFreesThePort() throws Exception {
    long before = serverThreads();
    RpcMethodRegistry r = new RpcMethodRegistry();
    r.register(
        "test_block",
        0,
        p -> {
          try {
            Thread.sleep(60_000); // a call still running at close
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
    JsonRpcServer server =
        JsonRpcServer.builder(r)
            .name("lifecycle")
            .config(RpcServerConfig.defaults().builder().port(0).apis(Set.of("test")).build())
            .build()
            .start();
    int port = server.port();
    try (TestClient client = new TestClient(port)) {
      TestClient.Ws ws = client.webSocket();
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_block\"}");
      Thread.sleep(200);
      assertEquals(1, server.webSocketConnections());
      server.close();
      ws.awaitClosed();
    }
    // The port can be bound again.
    try (ServerSocket s = new ServerSocket(port)) {
      assertEquals(port, s.getLocalPort());
    }
    long end = System.nanoTime() + 10_000_000_000L;
    while (serverThreads() > before && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertEquals(before, serverThreads(), "threads left: " + threadNames());
    server.close(); // idempotent
  }

  @Test
  void bindFailureIsReported() throws Exception {
    try (ServerSocket taken =
        new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      JsonRpcServer server =
          JsonRpcServer.builder(new RpcMethodRegistry())
              .config(RpcServerConfig.defaults().withPort(taken.getLocalPort()))
              .build();
      IllegalStateException e = assertThrows(IllegalStateException.class, server::start);
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
      assertTrue(e instanceof ServerStartException, "typed: " + e);
      assertTrue(
          e.getMessage()
              .startsWith("rpc JSON-RPC cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          e.getMessage());
      server.close();
    }
  }

  static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
  }
}
