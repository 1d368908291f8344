package io.opal.bench;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.fork.EvmFork;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.units.bigints.UInt256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 21000-gas value transfer through the whole transaction processor: validation, gas purchase,
 * warming, the (empty) call, refund and fee payment, and the net state changes (not applied).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EvmTransferBenchmark {
  private static final Address SENDER = Address.ofLong(0xca11);
  private static final Address RECEIVER = Address.ofLong(0xbeef);

  private TransactionProcessor processor;
  private BlockEnv block;
  private InMemoryWorldState world;
  private TxEnv tx;

  @Setup
  public void setUp() {
    EvmFork fork = EvmFork.PRAGUE;
    processor =
        new TransactionProcessor(
            EvmSpec.of(fork), PrecompileSet.ethereum(fork), new CodeCache(64), FeeHandler.ETHEREUM);
    block =
        new BlockEnv(
            1,
            Address.ofLong(0xc0ffee),
            1,
            30_000_000,
            UInt256.valueOf(7),
            UInt256.ZERO,
            Hash.ZERO,
            0,
            1,
            n -> Hash.ZERO);
    world = new InMemoryWorldState();
    world.put(SENDER, 0, UInt256.valueOf(Long.MAX_VALUE), new byte[0], Map.of());
    tx =
        TxEnv.legacy(
            SENDER,
            Optional.of(RECEIVER),
            UInt256.ONE,
            new byte[0],
            21_000,
            0,
            UInt256.valueOf(10));
    if (!(processor.execute(world, block, tx) instanceof TxOutcome.Executed)) {
      throw new IllegalStateException("the transfer is rejected");
    }
  }

  @Benchmark
  public TxOutcome transfer() {
    return processor.execute(world, block, tx);
  }
}
