package io.opal.execution.evm;

import static io.opal.execution.evm.EvmHarness.CONTRACT;
import static io.opal.execution.evm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** Log topics through the interpreter's topic cache: repeated values shared, all values exact. */
class LogTopicsTest {

  @Test
  void topicsAreExactWhetherRepeatedOrColliding() {
    Random r = new Random(3);
    // Few distinct values, many repetitions, and values that differ in one limb only.
    BigInteger[] pool = new BigInteger[12];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = new BigInteger(256, r);
    }
    pool[1] = pool[0].flipBit(70);
    pool[2] = pool[0].flipBit(200);
    Asm code = new Asm();
    List<List<BigInteger>> expected = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      int topics = n % 5;
      List<BigInteger> t = new ArrayList<>();
      for (int i = 0; i < topics; i++) {
        t.add(pool[r.nextInt(pool.length)]);
      }
      for (int i = topics - 1; i >= 0; i--) {
        code.push(t.get(i));
      }
      code.push(0).push(0).op(LOG0 + topics);
      expected.add(t);
    }
    for (int k = 0; k < 2; k++) {
      code.push(pool[3]).push(0).push(0).op(LOG0 + 1);
      expected.add(List.of(pool[3]));
    }
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE).deploy(CONTRACT, code.op(STOP).bytes());
    TransactionResult result = h.call(CONTRACT, new byte[0], 5_000_000);
    assertTrue(result.isSuccess());
    List<Log> logs = result.logs();
    assertEquals(expected.size(), logs.size());
    for (int n = 0; n < logs.size(); n++) {
      List<Hash> got = logs.get(n).topics();
      assertEquals(expected.get(n).size(), got.size());
      for (int i = 0; i < got.size(); i++) {
        Hash want =
            new Hash(
                Bytes32.leftPad(org.apache.tuweni.bytes.Bytes.wrap(bytes(expected.get(n).get(i)))));
        assertEquals(want, got.get(i), "log " + n + " topic " + i);
      }
    }
    // The same value in consecutive logs is one shared (immutable) topic object.
    int last = logs.size() - 1;
    assertSame(logs.get(last - 1).topics().get(0), logs.get(last).topics().get(0));
  }

  private static byte[] bytes(BigInteger v) {
    byte[] b = v.toByteArray();
    return b.length > 32 ? java.util.Arrays.copyOfRange(b, b.length - 32, b.length) : b;
  }
}
