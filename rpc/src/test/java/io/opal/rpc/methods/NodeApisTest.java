package io.opal.rpc.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeApisTest {
  static final AtomicInteger PEERS = new AtomicInteger(3);
  static JsonRpcServer server;

  @BeforeAll
  static void build() {
    RpcMethodRegistry r = new RpcMethodRegistry();
    Web3Api.register(r, "Opal/v0.1.0/linux-amd64/java25");
    NetApi.register(r, 11155420L, PEERS::get);
    server =
        JsonRpcServer.builder(r)
            .config(RpcServerConfig.defaults().withApis(Set.of("net", "web3")))
            .build();
  }

  @AfterAll
  static void close() {
    server.close();
  }

  static String call(String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    return new String(
        server.handle(body.getBytes(StandardCharsets.UTF_8)).orElseThrow(), StandardCharsets.UTF_8);
  }

  static String result(String json) {
    return json.substring("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":".length(), json.length() - 1);
  }

  @Test
  void web3Sha3MatchesKnownKeccakValues() {
    // keccak256("") and keccak256("hello world"), the values geth's own web3_sha3 docs use
    assertEquals(
        "\"0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470\"",
        result(call("web3_sha3", "[\"0x\"]")));
    assertEquals(
        "\"0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad\"",
        result(call("web3_sha3", "[\"0x68656c6c6f20776f726c64\"]")));
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"invalid argument 0: hex string of odd length\"}}",
        call("web3_sha3", "[\"0x123\"]"));
  }

  @Test
  void clientVersionHasGethsShape() {
    assertEquals("\"Opal/v0.1.0/linux-amd64/java25\"", result(call("web3_clientVersion", "[]")));
    assertEquals(
        "Opal/v0.1.0/linux-amd64/java25", Web3Api.clientVersion("0.1.0", "Linux", "amd64", 25));
    assertEquals(
        "Opal/v1.2.3/darwin-arm64/java21",
        Web3Api.clientVersion("v1.2.3", "Mac OS X", "aarch64", 21));
  }

  @Test
  void netNamespace() {
    assertEquals("\"11155420\"", result(call("net_version", "[]")));
    assertEquals("true", result(call("net_listening", "[]")));
    assertEquals("\"0x3\"", result(call("net_peerCount", "[]")));
    PEERS.set(0);
    assertEquals("\"0x0\"", result(call("net_peerCount", "[]")));
  }
}
