package io.opal.bench;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.EvmFork;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.units.bigints.UInt256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter on hand-assembled loops of 10,000 iterations (Prague rules), one message call
 * each: 256-bit arithmetic, KECCAK256 of 64 bytes, SSTORE/SLOAD of distinct slots, CALL into a
 * contract that returns a word. {@link EvmTransferBenchmark} measures a plain transaction; {@code
 * bench/evm/run.mjs} compares Solidity contracts with revm and ethereumjs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EvmBenchmark {
  private static final Address CONTRACT = Address.ofLong(0xc0de);
  private static final Address CALLEE = Address.ofLong(0xca11ee);
  private static final Address SENDER = Address.ofLong(0xca11);
  private static final long GAS = 1_000_000_000L;

  /**
   * Loop bodies between "PUSH2 10000, JUMPDEST (pc 3)" and "PUSH1 1 SWAP1 SUB DUP1 PUSH1 3 JUMPI
   * STOP"; each leaves the stack as it found it (the counter on top).
   */
  private static final Map<String, String> BODIES =
      Map.of(
          // c*3+7; 2^255+19 mulmod p; 13 / that; 3^that; xor; shr
          "arithmetic",
          "80600302600701"
              + "7f8000000000000000000000000000000000000000000000000000000000000013"
              + "7f30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"
              + "90600109600d048060030a185060021c50",
          // mstore(0, c); mstore(32, c); keccak256(0, 64)
          "keccak",
          "80600052806020526040600020" + "50",
          // sstore(c, c); sload(c)
          "storage",
          "808055805450",
          // call(gas, CALLEE, 0, 0, 0, 0, 32)
          "call",
          "60206000600060006000" + "62ca11ee" + "5af150");

  @Param({"arithmetic", "keccak", "storage", "call"})
  public String program;

  private TransactionProcessor processor;
  private BlockEnv block;
  private InMemoryWorldState world;

  @Setup
  public void setUp() {
    EvmFork fork = EvmFork.PRAGUE;
    processor =
        new TransactionProcessor(
            EvmSpec.of(fork), PrecompileSet.ethereum(fork), new CodeCache(64), FeeHandler.ETHEREUM);
    block =
        new BlockEnv(
            1, Address.ZERO, 1, GAS, UInt256.ZERO, UInt256.ZERO, Hash.ZERO, 0, 1, n -> Hash.ZERO);
    byte[] code = Hex.decode("0x612710" + "5b" + BODIES.get(program) + "600190038060035700");
    world = new InMemoryWorldState();
    world.put(CONTRACT, 1, UInt256.ZERO, code, Map.of());
    // PUSH1 42 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
    world.put(CALLEE, 1, UInt256.ZERO, Hex.decode("0x602a5f5260205ff3"), Map.of());
    world.put(SENDER, 0, UInt256.valueOf(Long.MAX_VALUE), new byte[0], Map.of());
    MessageResult probe = run();
    if (!probe.isSuccess()) {
      throw new IllegalStateException(program + " does not run: " + probe);
    }
  }

  @Benchmark
  public MessageResult run() {
    return processor.call(world, block, SENDER, CONTRACT, UInt256.ZERO, new byte[0], GAS);
  }
}
