package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** EIP-7702 limits on delegated accounts and authorities, as geth's legacy pool applies them. */
class DelegationTest {
  private final Harness h = new Harness();

  private static void assertRejected(AddResult r, PoolError error, String message) {
    AddResult.Rejected rejected = Harness.rejectionOf(r);
    assertEquals(error, rejected.error());
    assertEquals(message, rejected.message());
  }

  @Test
  void delegatedAccountMayHaveOneTransactionInFlight() {
    h.state.code(Keys.address(1)).nonce(Keys.address(1), 3);
    assertEquals(TxStatus.PENDING, h.accept(Tx.dynamic(1).nonce(3)).status());
    assertRejected(
        h.add(Tx.dynamic(1).nonce(4)),
        PoolError.INFLIGHT_TX_LIMIT,
        "in-flight transaction limit reached for delegated accounts");
    // replacing the one in flight is fine
    assertEquals(TxStatus.PENDING, h.accept(Tx.dynamic(1).nonce(3).price(200, 4_000)).status());
  }

  @Test
  void delegatedAccountMayNotSendGappedNonces() {
    h.state.code(Keys.address(1));
    assertRejected(
        h.add(Tx.dynamic(1).nonce(1)),
        PoolError.GAPPED_NONCE_DELEGATED,
        "gapped-nonce tx from delegated accounts");
  }

  @Test
  void pooledAuthorizationLimitsTheAuthorityLikeADelegation() {
    h.accept(Tx.setCode(1).authorizedBy(2, 0));
    assertEquals(TxStatus.PENDING, h.accept(Tx.dynamic(2).nonce(0)).status());
    assertRejected(
        h.add(Tx.dynamic(2).nonce(1)),
        PoolError.INFLIGHT_TX_LIMIT,
        "in-flight transaction limit reached for delegated accounts");
  }

  @Test
  void authorityWithSeveralPooledTransactionsIsReserved() {
    h.accept(Tx.dynamic(2).nonce(0));
    // one pooled transaction of the authority is tolerated (geth counts more than one)
    assertEquals(TxStatus.PENDING, h.accept(Tx.setCode(1).nonce(0).authorizedBy(2, 1)).status());
    h.accept(Tx.dynamic(3).nonce(0));
    h.accept(Tx.dynamic(3).nonce(1));
    assertRejected(
        h.add(Tx.setCode(4).authorizedBy(3, 2)),
        PoolError.AUTHORITY_RESERVED,
        "authority already reserved");
  }

  @Test
  void authorityLimitEndsWhenTheAuthorizationLeavesThePool() {
    h.accept(Tx.setCode(1).authorizedBy(2, 0));
    h.accept(Tx.dynamic(2).nonce(0));
    FakeState next = h.state.copy().nonce(Keys.address(1), 1).nonce(Keys.address(2), 1);
    h.newHead(next); // both included; account 2 has no code in this fake state
    h.accept(Tx.dynamic(2).nonce(1));
    assertEquals(TxStatus.PENDING, h.accept(Tx.dynamic(2).nonce(2)).status());
  }
}
