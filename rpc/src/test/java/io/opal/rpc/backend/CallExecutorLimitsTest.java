package io.opal.rpc.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.store.SyntheticChain;
import io.opal.primitives.Address;
import io.opal.rpc.CallExecutor.CallOptions;
import io.opal.rpc.CallExecutor.CallResult;
import io.opal.rpc.CallExecutor.EstimateResult;
import io.opal.rpc.CallRequest;
import io.opal.rpc.RpcException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gas cap and the timeout of {@link ExecutionCallExecutor}, called directly. */
class CallExecutorLimitsTest {
  private static BackendChain c;
  private static ExecutionCallExecutor calls;

  @BeforeAll
  static void build() {
    c = new BackendChain();
    calls = new ExecutionCallExecutor(c.db, c.config);
  }

  @AfterAll
  static void close() {
    c.close();
  }

  private static CallRequest request(Address to, Bytes input, OptionalLong gas) {
    return new CallRequest(
        Optional.of(SyntheticChain.address(3)),
        Optional.of(to),
        gas,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        Optional.of(input),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  @Test
  void gasCapLimitsCallsAndEstimates() throws RpcException {
    CallOptions capped = new CallOptions(25_000, Duration.ZERO, Map.of(), Optional.empty());
    // The store-and-log path needs over 40k gas on block 2's state (slot 0 still zero).
    CallRequest store = request(c.contract(), Bytes.EMPTY, OptionalLong.of(1_000_000));
    CallResult r = calls.call(store, c.db.chain().canonicalHeader(2).orElseThrow(), capped);
    assertTrue(r instanceof CallResult.Halted h && h.error().equals("out of gas"), r.toString());
    assertEquals(25_000, r.gasUsed());
    EstimateResult e =
        calls.estimateGas(store, c.db.chain().canonicalHeader(2).orElseThrow(), capped);
    assertEquals(new EstimateResult.Failed("gas required exceeds allowance (25000)"), e);
    CallOptions uncapped = new CallOptions(0, Duration.ZERO, Map.of(), Optional.empty());
    assertTrue(
        calls.call(store, c.db.chain().canonicalHeader(2).orElseThrow(), uncapped)
            instanceof CallResult.Success);
  }

  @Test
  void anExpiredDeadlineAbortsTheCall() {
    CallOptions instant = new CallOptions(0, Duration.ofNanos(1), Map.of(), Optional.empty());
    CallRequest read = request(c.contract(), Bytes.of(1), OptionalLong.empty());
    RpcException e =
        assertThrows(RpcException.class, () -> calls.estimateGas(read, c.db.headHeader(), instant));
    assertEquals(RpcException.TIMEOUT, e.code());
  }
}
