package io.opal.execution.transaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.EvmSpec;
import io.opal.execution.statetest.StateTest;
import io.opal.execution.statetest.StateTestLoader;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.testing.Fixtures;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link TxEnv#of(Transaction)} against the state tests' own view of each transaction: every signed
 * {@code txbytes} of the Cancun state tests decodes to a transaction whose environment (sender
 * recovered from the signature) equals the one the runner builds from the JSON template, and whose
 * intrinsic gas agrees with the primitives' {@link io.opal.primitives.tx.IntrinsicGas}.
 */
class TxEnvAdapterTest {

  @Test
  void signedTransactionsOfTheStateTestsMatchTheirTemplates() throws IOException {
    List<Path> files = Fixtures.jsonFiles("ethereum-tests/GeneralStateTests");
    EvmSpec cancun = EvmSpec.of(EvmFork.CANCUN);
    int checked = 0;
    for (int i = 0; i < files.size(); i += 4) { // a quarter of the files keeps this quick
      for (StateTest t : StateTestLoader.load(files.get(i))) {
        for (StateTest.PostState post : t.post().getOrDefault("Cancun", List.of())) {
          if (post.expectException().isPresent() || post.txBytes().length == 0) {
            continue;
          }
          Optional<TxEnv> expected =
              io.opal.execution.statetest.StateTestRunner.txEnv(t.transaction(), post);
          if (expected.isEmpty()) {
            continue;
          }
          Transaction tx = TransactionCodec.decode(post.txBytes());
          TxEnv actual = TxEnv.of(tx);
          assertSame(expected.get(), actual, t.name());
          assertEquals(
              io.opal.primitives.tx.IntrinsicGas.of(tx, EvmFork.CANCUN),
              IntrinsicGas.of(cancun, actual),
              t.name());
          checked++;
        }
      }
    }
    assertTrue(checked > 3000, "checked " + checked);
  }

  private static void assertSame(TxEnv want, TxEnv got, String name) {
    assertEquals(want.type(), got.type(), name);
    assertEquals(want.caller(), got.caller(), name);
    assertEquals(want.to(), got.to(), name);
    assertEquals(want.value(), got.value(), name);
    assertArrayEquals(want.data(), got.data(), name);
    assertEquals(want.gasLimit(), got.gasLimit(), name);
    assertEquals(want.nonce(), got.nonce(), name);
    assertEquals(want.maxFeePerGas(), got.maxFeePerGas(), name);
    assertEquals(want.maxPriorityFeePerGas(), got.maxPriorityFeePerGas(), name);
    assertEquals(want.accessList(), got.accessList(), name);
    assertEquals(want.blobVersionedHashes(), got.blobVersionedHashes(), name);
    assertEquals(want.maxFeePerBlobGas(), got.maxFeePerBlobGas(), name);
  }
}
