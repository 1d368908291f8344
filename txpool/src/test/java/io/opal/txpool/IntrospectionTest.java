package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.primitives.Address;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** txpool_status / txpool_content / txpool_inspect data. */
class IntrospectionTest {
  private final Harness h = new Harness();

  @Test
  void contentGroupsBySenderAndNonce() {
    h.accept(Tx.dynamic(1).nonce(0));
    h.accept(Tx.dynamic(1).nonce(1));
    h.accept(Tx.dynamic(1).nonce(3));
    h.accept(Tx.dynamic(2).nonce(2));
    assertEquals(new PoolStatus(2, 2), h.pool.status());
    PoolContent c = h.pool.content();
    assertEquals(List.of(0L, 1L), List.copyOf(c.pending().get(Keys.address(1)).keySet()));
    assertEquals(List.of(3L), List.copyOf(c.queued().get(Keys.address(1)).keySet()));
    assertEquals(List.of(2L), List.copyOf(c.queued().get(Keys.address(2)).keySet()));
    PoolContent from = h.pool.contentFrom(Keys.address(2));
    assertEquals(0, from.pending().size());
    assertEquals(1, from.queued().size());
    assertEquals(0, h.pool.contentFrom(Keys.address(9)).queued().size());
  }

  @Test
  void inspectLinesReadAsGethWritesThem() {
    var transfer = h.accept(Tx.dynamic(1).value(UInt256.valueOf(5))).transaction();
    assertEquals(
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8: 5 wei + 21000 gas × 2000 wei",
        PoolContent.inspect(transfer));
    var creation = h.accept(Tx.legacy(2).create().gas(60_000).feeCap(3_000)).transaction();
    assertEquals("contract creation: 0 wei + 60000 gas × 3000 wei", PoolContent.inspect(creation));
  }

  @Test
  void checksumMatchesTheEip55Examples() {
    for (String expected :
        List.of(
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")) {
      assertEquals(expected, PoolContent.checksummed(Address.fromHex(expected.toLowerCase())));
    }
  }

  @Test
  void pendingNonceCountsThePendingRun() {
    h.state.nonce(Keys.address(1), 7);
    assertEquals(7, h.pool.pendingNonce(Keys.address(1)));
    h.accept(Tx.dynamic(1).nonce(7));
    h.accept(Tx.dynamic(1).nonce(8));
    h.accept(Tx.dynamic(1).nonce(10));
    assertEquals(9, h.pool.pendingNonce(Keys.address(1)));
  }
}
