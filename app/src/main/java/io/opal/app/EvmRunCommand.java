package io.opal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.tuweni.units.bigints.UInt256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opal evm run}: one message call into the given code under Prague rules, timed; the
 * interface {@code bench/evm/run.mjs} expects (see bench/evm/README.md).
 */
@Command(
    name = "run",
    description =
        "Run a message call into bytecode (Prague rules, chain id 1) and print gas used, output,"
            + " status and the wall time of each execution.")
final class EvmRunCommand implements Callable<Integer> {
  static final Address CONTRACT = Address.fromHex("0x000000000000000000000000000000000000c0de");
  static final Address CALLER = Address.fromHex("0x000000000000000000000000000000000000ca11");

  @Spec CommandSpec spec;

  @Option(names = "--code", required = true, paramLabel = "HEX", description = "Runtime code.")
  String code;

  @Option(names = "--input", paramLabel = "HEX", description = "Call data (default 0x).")
  String input = "0x";

  @Option(names = "--gas", paramLabel = "N", description = "Gas limit (default 30000000).")
  long gas = 30_000_000;

  @Option(names = "--repeat", paramLabel = "K", description = "Timed executions (default 1).")
  int repeat = 1;

  @Option(names = "--warmup", paramLabel = "W", description = "Untimed executions first.")
  int warmup;

  @Option(names = "--json", description = "Print one JSON line.")
  boolean json;

  @Override
  public Integer call() {
    byte[] codeBytes;
    byte[] data;
    try {
      codeBytes = Hex.decode(code);
      data = Hex.decode(input);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("bad hex: " + e.getMessage());
      return 2;
    }
    if (gas <= 0 || repeat < 1 || warmup < 0) {
      spec.commandLine().getErr().println("--gas and --repeat must be positive");
      return 2;
    }
    EvmFork fork = EvmFork.PRAGUE;
    TransactionProcessor processor =
        new TransactionProcessor(
            EvmSpec.of(fork), PrecompileSet.ethereum(fork), new CodeCache(16), FeeHandler.ETHEREUM);
    BlockEnv block =
        new BlockEnv(
            1,
            Address.ZERO,
            1,
            Math.max(gas, 30_000_000),
            UInt256.ZERO,
            UInt256.ZERO,
            Hash.ZERO,
            0,
            1,
            n -> Hash.ZERO);
    long[] times = new long[repeat];
    MessageResult result = null;
    for (int i = 0; i < warmup + repeat; i++) {
      InMemoryWorldState world = new InMemoryWorldState();
      world.put(CONTRACT, 1, UInt256.ZERO, codeBytes, Map.of());
      world.put(CALLER, 0, UInt256.ZERO, new byte[0], Map.of());
      long start = System.nanoTime();
      result = processor.call(world, block, CALLER, CONTRACT, UInt256.ZERO, data, gas);
      long elapsed = System.nanoTime() - start;
      if (i >= warmup) {
        times[i - warmup] = elapsed;
      }
    }
    print(result, times);
    return 0;
  }

  private void print(MessageResult r, long[] times) {
    PrintWriter out = spec.commandLine().getOut();
    long used = gas - r.gasLeft();
    String status = r.status().name().toLowerCase(Locale.ROOT);
    String output = Hex.encode(r.output());
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode o = m.createObjectNode();
      o.put("gasUsed", used);
      ArrayNode t = o.putArray("timeNanos");
      for (long n : times) {
        t.add(n);
      }
      o.put("output", output);
      o.put("status", status);
      r.haltReason().ifPresent(h -> o.put("haltReason", h.name()));
      out.println(o);
    } else {
      out.println("status:  " + status + r.haltReason().map(h -> " (" + h + ")").orElse(""));
      out.println("gasUsed: " + used);
      out.println("output:  " + output);
      for (long n : times) {
        out.printf("time:    %.3f ms%n", n / 1e6);
      }
    }
    out.flush();
  }
}
