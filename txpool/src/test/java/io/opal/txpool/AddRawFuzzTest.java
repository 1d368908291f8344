package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.testing.DecoderFuzzer;
import io.opal.primitives.tx.TransactionCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated envelopes through {@link TransactionPool#addRaw}: it answers every input with
 * a result (never an exception, never an allocation out of proportion), and the pool stays
 * consistent.
 */
class AddRawFuzzTest {
  @Test
  void addRawAnswersEveryInput() {
    Harness h = new Harness();
    List<byte[]> seeds =
        List.of(
            TransactionCodec.encode(Tx.dynamic(1).nonce(0).sign()),
            TransactionCodec.encode(Tx.legacy(2).nonce(0).sign()),
            TransactionCodec.encode(Tx.setCode(3).authorizedBy(4, 0).sign()),
            TransactionCodec.encode(Tx.dynamic(5).nonce(3).sign()));
    var stats =
        new DecoderFuzzer(7)
            .run(
                "TransactionPool.addRaw",
                bytes -> h.pool.addRaw(bytes, TxOrigin.REMOTE),
                seeds,
                20_000);
    assertTrue(stats.accepted() == stats.inputs()); // every input got an AddResult
    Invariants.check(h.pool, h.state);
  }
}
