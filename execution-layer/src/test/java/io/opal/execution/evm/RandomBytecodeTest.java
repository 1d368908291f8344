package io.opal.execution.evm;

import static io.opal.execution.evm.EvmHarness.CONTRACT;
import static io.opal.execution.evm.EvmHarness.OTHER;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.fork.EvmFork;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and semi-structured bytecode on every fork: whatever the code does, the interpreter ends
 * with a result (success, revert or an exceptional halt) and never lets a Java exception escape.
 */
class RandomBytecodeTest {
  private static final EvmFork[] FORKS = {
    EvmFork.FRONTIER,
    EvmFork.HOMESTEAD,
    EvmFork.TANGERINE_WHISTLE,
    EvmFork.SPURIOUS_DRAGON,
    EvmFork.BYZANTIUM,
    EvmFork.CONSTANTINOPLE,
    EvmFork.PETERSBURG,
    EvmFork.ISTANBUL,
    EvmFork.BERLIN,
    EvmFork.LONDON,
    EvmFork.PARIS,
    EvmFork.SHANGHAI,
    EvmFork.CANCUN,
    EvmFork.PRAGUE
  };

  /** Values that stress edge handling: zero, small, boundary, huge. */
  private static final String[] INTERESTING = {
    "00",
    "01",
    "20",
    "ff",
    "0100",
    "7fffffff",
    "ffffffff",
    "0100000000",
    "7fffffffffffffff",
    "ffffffffffffffff",
    "010000000000000000",
    "8000000000000000000000000000000000000000000000000000000000000000",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "1000000000000000000000000000000000000001",
    "2000000000000000000000000000000000000002"
  };

  private static byte[] program(Random r) {
    Asm a = new Asm();
    int n = r.nextInt(120);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(4)) {
        case 0 -> a.raw(pushOf(INTERESTING[r.nextInt(INTERESTING.length)]));
        case 1 -> a.push(r.nextInt(64));
        default -> a.op(r.nextInt(256));
      }
    }
    return a.bytes();
  }

  private static String pushOf(String hex) {
    int len = hex.length() / 2;
    return String.format("%02x", 0x5f + len) + hex;
  }

  @Test
  void structuredRandomProgramsNeverThrow() {
    Random r = new Random(20241121);
    for (int i = 0; i < 3000; i++) {
      EvmFork fork = FORKS[r.nextInt(FORKS.length)];
      EvmHarness h = new EvmHarness(fork).deploy(CONTRACT, program(r)).deploy(OTHER, program(r));
      TransactionResult res = h.call(CONTRACT, new byte[r.nextInt(70)], 300_000);
      assertTrue(res.gasUsed() <= 300_000);
    }
  }

  @Test
  void rawRandomBytesNeverThrow() {
    Random r = new Random(7);
    for (int i = 0; i < 3000; i++) {
      byte[] code = new byte[r.nextInt(300)];
      r.nextBytes(code);
      EvmFork fork = FORKS[r.nextInt(FORKS.length)];
      EvmHarness h = new EvmHarness(fork).deploy(CONTRACT, code);
      TransactionResult res = h.call(CONTRACT, new byte[0], 200_000);
      assertTrue(res.gasUsed() <= 200_000);
    }
  }

  @Test
  void randomInitCodeNeverThrows() {
    Random r = new Random(11);
    for (int i = 0; i < 1000; i++) {
      EvmFork fork = FORKS[r.nextInt(FORKS.length)];
      TransactionResult res = new EvmHarness(fork).create(program(r), 500_000);
      assertTrue(res.gasUsed() <= 500_000);
    }
  }
}
