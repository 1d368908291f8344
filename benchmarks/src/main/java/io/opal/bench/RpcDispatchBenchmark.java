package io.opal.bench;

import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.methods.Web3Api;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON-RPC request path without the network: parse, look up, run the method on a virtual
 * thread, encode. A trivial method alone, one that parses a DATA argument, and a batch of 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RpcDispatchBenchmark {
  private JsonRpcServer server;
  private byte[] chainId;
  private byte[] sha3;
  private byte[] batch;

  @Setup
  public void setUp() {
    RpcMethodRegistry registry = new RpcMethodRegistry();
    registry.register("eth_chainId", 0, p -> 10L);
    Web3Api.register(registry, "Opal/bench");
    server =
        JsonRpcServer.builder(registry)
            .config(RpcServerConfig.defaults().withApis(Set.of("eth", "web3")))
            .build();
    chainId =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"
            .getBytes(StandardCharsets.UTF_8);
    sha3 =
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_sha3\",\"params\":[\"0x"
                + "ab".repeat(128)
                + "\"]}")
            .getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(i)
          .append(",\"method\":\"eth_chainId\"}");
    }
    batch = b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  @TearDown
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public byte[] trivialCall() {
    return server.handle(chainId).orElseThrow();
  }

  @Benchmark
  public byte[] callWithDataArgument() {
    return server.handle(sha3).orElseThrow();
  }

  @Benchmark
  public byte[] batchOf100() {
    return server.handle(batch).orElseThrow();
  }
}
