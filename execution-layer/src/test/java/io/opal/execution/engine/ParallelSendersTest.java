package io.opal.execution.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Senders recovered ahead by a helper thread and the reader together, each exactly right. */
class ParallelSendersTest {

  @Test
  void everySenderIsRecoveredAndAFailedRecoveryIsEmpty() throws Exception {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      txs.add(EngineTestChain.transfer(i % 5, i / 5, Address.ofLong(0x77), 1, 1));
    }
    DynamicFeeTransaction good = (DynamicFeeTransaction) txs.get(77);
    // s = 0 is no signature: recovery fails.
    txs.set(
        77,
        new DynamicFeeTransaction(
            good.chainId(),
            good.nonce(),
            good.maxPriorityFeePerGas(),
            good.maxFeePerGas(),
            good.gasLimit(),
            good.to(),
            good.value(),
            good.data(),
            good.accessList(),
            good.yParity(),
            good.r(),
            UInt256.ZERO));
    ExecutorService helper = Executors.newSingleThreadExecutor();
    try {
      for (int round = 0; round < 3; round++) {
        ParallelSenders senders = ParallelSenders.start(txs, helper);
        for (int i = 0; i < txs.size(); i++) {
          Optional<Address> s = senders.sender(i);
          if (i == 77) {
            assertTrue(s.isEmpty());
          } else {
            assertEquals(EngineTestChain.address(i % 5), s.orElseThrow(), "transaction " + i);
          }
        }
      }
    } finally {
      helper.shutdownNow();
    }
  }
}
