package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.op.TransactionSource;
import io.opal.primitives.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** The pool as the engine's transaction provider: best first, skip-sender honoured. */
class PoolTransactionProviderTest {
  private static final UInt256 BASE = UInt256.valueOf(Harness.BASE_FEE);
  private final Harness h = new Harness();

  @Test
  void candidatesComeBestFirstWithTheirSenderAndEnvelope() {
    h.accept(Tx.dynamic(1).nonce(0).tip(10));
    h.accept(Tx.dynamic(2).nonce(0).tip(300));
    TransactionSource source = new PoolTransactionProvider(h.pool).transactions(BASE);
    List<TransactionSource.Candidate> out = new ArrayList<>();
    Optional<TransactionSource.Candidate> c;
    while ((c = source.next()).isPresent()) {
      out.add(c.get());
    }
    assertEquals(2, out.size());
    assertEquals(Keys.address(2), out.get(0).sender());
    assertEquals(Keys.address(1), out.get(1).sender());
    for (TransactionSource.Candidate candidate : out) {
      assertEquals(candidate.transaction().sender(), candidate.sender());
      assertArrayEquals(TransactionCodec.encode(candidate.transaction()), candidate.envelope());
    }
  }

  @Test
  void aSkippedSenderYieldsNothingMore() {
    h.accept(Tx.dynamic(1).nonce(0).tip(500));
    h.accept(Tx.dynamic(1).nonce(1).tip(500));
    h.accept(Tx.dynamic(2).nonce(0).tip(10));
    TransactionSource source = new PoolTransactionProvider(h.pool).transactions(BASE);
    TransactionSource.Candidate first = source.next().orElseThrow();
    assertEquals(Keys.address(1), first.sender());
    source.skipSender(first.sender());
    assertEquals(Keys.address(2), source.next().orElseThrow().sender());
    assertTrue(source.next().isEmpty());
  }

  @Test
  void theMinimumTipFilters() {
    h.accept(Tx.dynamic(1).nonce(0).tip(10));
    h.accept(Tx.dynamic(2).nonce(0).tip(300));
    TransactionSource source =
        new PoolTransactionProvider(h.pool, UInt256.valueOf(100)).transactions(BASE);
    assertEquals(Keys.address(2), source.next().orElseThrow().sender());
    assertTrue(source.next().isEmpty());
  }
}
