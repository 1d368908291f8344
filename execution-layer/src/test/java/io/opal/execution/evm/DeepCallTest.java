package io.opal.execution.evm;

import static io.opal.execution.evm.EvmHarness.CONTRACT;
import static io.opal.execution.evm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.Word256;
import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.fork.EvmFork;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A contract that calls itself until the 1024 depth limit, on a thread with a small stack. */
class DeepCallTest {

  /** counter++; CALL(all gas, self); STOP. */
  private static byte[] recursiveCode(int callOp) {
    Asm a = new Asm().push(0).op(SLOAD).push(1).op(ADD).storeTop(0);
    a.push(0).push(0).push(0).push(0);
    if (callOp == CALL || callOp == CALLCODE) {
      a.push(0);
    }
    return a.op(ADDRESS).op(GAS).op(callOp).op(STOP).bytes();
  }

  private static TransactionResult recurse(int callOp) throws InterruptedException {
    EvmHarness h = new EvmHarness(EvmFork.CANCUN).deploy(CONTRACT, recursiveCode(callOp));
    // Each level keeps 63/64 of the gas after ~400 of its own: 10^12 reaches depth 1024.
    h.blockGasLimit = 2_000_000_000_000L;
    AtomicReference<TransactionResult> result = new AtomicReference<>();
    AtomicReference<Throwable> error = new AtomicReference<>();
    // 256 KiB of Java stack: far less than 1024 recursive interpreter frames would need.
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(h.call(CONTRACT, new byte[0], 1_000_000_000_000L));
              } catch (Throwable e) {
                error.set(e);
              }
            },
            "small-stack",
            256 * 1024);
    t.start();
    t.join();
    assertNull(error.get(), () -> "threw " + error.get());
    assertEquals(Word256.of(1025), h.storage(CONTRACT, 0), "frames at depths 0..1024 ran");
    return result.get();
  }

  @Test
  void callsReachTheDepthLimitWithoutJavaRecursion() throws InterruptedException {
    assertTrue(recurse(CALL).isSuccess());
  }

  @Test
  void delegateAndStaticVariantsToo() throws InterruptedException {
    assertTrue(recurse(DELEGATECALL).isSuccess());
    assertTrue(recurse(CALLCODE).isSuccess());
  }
}
