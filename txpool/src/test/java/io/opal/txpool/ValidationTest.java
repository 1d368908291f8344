package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Signature;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Every admission rule, with the exact text geth gives for it. */
class ValidationTest {
  private final Harness h = new Harness();

  private static void assertRejected(AddResult r, PoolError error, String message) {
    AddResult.Rejected rejected = Harness.rejectionOf(r);
    assertEquals(error, rejected.error());
    assertEquals(message, rejected.message());
  }

  @Test
  void acceptsAWellFormedTransferAsPending() {
    AddResult.Accepted a = h.accept(Tx.dynamic(1));
    assertEquals(TxStatus.PENDING, a.status());
    assertEquals(Keys.address(1), a.transaction().sender());
    assertEquals(Optional.empty(), a.replaced());
  }

  @Test
  void addDecodedPoolsUnderTheHashOfTheReceivedBytes() {
    var tx = Tx.dynamic(1).sign();
    byte[] envelope = TransactionCodec.encode(tx);
    AddResult r = h.pool.addDecoded(TransactionCodec.decode(envelope), envelope, TxOrigin.LOCAL);
    AddResult.Accepted a = assertInstanceOf(AddResult.Accepted.class, r);
    assertEquals(tx.hash(), a.transaction().hash());
    assertEquals(Keys.address(1), a.transaction().sender());
    assertTrue(h.pool.contains(tx.hash()));
    assertRejected(
        h.pool.addDecoded(tx, envelope, TxOrigin.LOCAL), PoolError.ALREADY_KNOWN, "already known");
  }

  @Test
  void addDecodedChecksTheEnvelopeSize() {
    var tx =
        Tx.dynamic(1).gas(10_000_000).data(Bytes.wrap(new byte[PoolConfig.MAX_TX_SIZE])).sign();
    byte[] envelope = TransactionCodec.encode(tx);
    assertRejected(
        h.pool.addDecoded(tx, envelope, TxOrigin.REMOTE),
        PoolError.OVERSIZED_DATA,
        "oversized data: transaction size " + envelope.length + ", limit 131072");
  }

  @Test
  void oversizedEnvelopeIsRejectedBeforeDecoding() {
    byte[] huge = new byte[PoolConfig.MAX_TX_SIZE + 1];
    huge[0] = 0x02;
    assertRejected(
        h.pool.addRaw(huge, TxOrigin.REMOTE),
        PoolError.OVERSIZED_DATA,
        "oversized data: transaction size 131073, limit 131072");
  }

  @Test
  void oversizedDecodedTransactionIsRejected() {
    var tx =
        Tx.dynamic(1).gas(10_000_000).data(Bytes.wrap(new byte[PoolConfig.MAX_TX_SIZE])).sign();
    int size = TransactionCodec.encode(tx).length;
    assertRejected(
        h.add(tx),
        PoolError.OVERSIZED_DATA,
        "oversized data: transaction size " + size + ", limit 131072");
  }

  @Test
  void undecodableBytesGiveATypedError() {
    AddResult.Rejected r =
        Harness.rejectionOf(h.pool.addRaw(new byte[] {0x02, (byte) 0xc1, 0x01}, TxOrigin.REMOTE));
    assertEquals(PoolError.INVALID_ENCODING, r.error());
    assertTrue(r.message().startsWith("invalid transaction encoding: "), r.message());
    r = Harness.rejectionOf(h.pool.addRaw(new byte[] {0x55, 0x01}, TxOrigin.REMOTE));
    assertEquals(PoolError.INVALID_ENCODING, r.error());
  }

  @Test
  void depositsAreNotSupported() {
    var deposit =
        new DepositTransaction(
            Hash.keccak(new byte[] {9}),
            Keys.address(1),
            Optional.of(Tx.RECIPIENT),
            UInt256.ZERO,
            UInt256.ONE,
            100_000,
            false,
            Bytes.EMPTY);
    assertRejected(
        h.pool.add(deposit, TxOrigin.REMOTE),
        PoolError.TYPE_NOT_SUPPORTED,
        "transaction type not supported");
    assertRejected(
        h.pool.addRaw(TransactionCodec.encode(deposit), TxOrigin.REMOTE),
        PoolError.TYPE_NOT_SUPPORTED,
        "transaction type not supported");
  }

  @Test
  void blobTransactionsAreNotSupported() {
    var body =
        new BlobTransaction(
            Tx.CHAIN_ID,
            0,
            UInt256.valueOf(100),
            UInt256.valueOf(2000),
            21_000,
            Optional.of(Tx.RECIPIENT),
            UInt256.ZERO,
            Bytes.EMPTY,
            List.of(),
            UInt256.ONE,
            List.of(Hash.wrap(versionedHash())),
            0,
            UInt256.ONE,
            UInt256.ONE);
    var blob = TransactionSigner.sign(body, Keys.key(1));
    assertRejected(h.add(blob), PoolError.TYPE_NOT_SUPPORTED, "transaction type not supported");
    // the network form with its sidecar is always above the size limit; the type is what matters
    byte[] withSidecar = new byte[PoolConfig.MAX_TX_SIZE + 1000];
    withSidecar[0] = 0x03;
    assertRejected(
        h.pool.addRaw(withSidecar, TxOrigin.REMOTE),
        PoolError.TYPE_NOT_SUPPORTED,
        "transaction type not supported");
  }

  private static byte[] versionedHash() {
    byte[] v = new byte[32];
    v[0] = 1;
    return v;
  }

  @Test
  void setCodeBeforePragueIsNotSupported() {
    Harness holocene =
        new Harness(
            PoolConfig.defaults(Tx.CHAIN_ID),
            PoolJournal.NONE,
            OpFork.HOLOCENE,
            L1CostFunction.ZERO);
    assertRejected(
        holocene.add(Tx.setCode(1).authorizedBy(2, 0)),
        PoolError.TYPE_NOT_SUPPORTED,
        "transaction type not supported: type 4 rejected, pool not yet in Prague");
  }

  @Test
  void wrongChainIdIsAnInvalidSender() {
    assertRejected(
        h.add(Tx.dynamic(1).chainId(5)),
        PoolError.INVALID_CHAIN_ID,
        "invalid sender: invalid chain id for signer: have 5 want 10");
    assertRejected(
        h.add(Tx.legacy(1).chainId(5)),
        PoolError.INVALID_CHAIN_ID,
        "invalid sender: invalid chain id for signer: have 5 want 10");
  }

  @Test
  void legacyWithAndWithoutReplayProtectionIsAccepted() {
    assertEquals(TxStatus.PENDING, h.accept(Tx.legacy(1).nonce(0)).status());
    assertEquals(TxStatus.PENDING, h.accept(Tx.legacy(1).nonce(1).unprotected()).status());
  }

  @Test
  void badSignatureValuesAreAnInvalidSender() {
    var good = (DynamicFeeTransaction) Tx.dynamic(1).sign();
    Signature sig = good.signature().orElseThrow();
    // the same signature with high s (malleated): valid on the curve, refused by EIP-2
    var highS = good.withSignature(1 - sig.recoveryId(), sig.r(), Signature.N.subtract(sig.s()));
    assertRejected(
        h.add(highS),
        PoolError.INVALID_SENDER,
        "invalid sender: invalid transaction v, r, s values");
    var zeroR = good.withSignature(sig.recoveryId(), UInt256.ZERO, sig.s());
    assertRejected(
        h.add(zeroR),
        PoolError.INVALID_SENDER,
        "invalid sender: invalid transaction v, r, s values");
    var legacy = (LegacyTransaction) Tx.legacy(1).unprotected().sign();
    assertRejected(
        h.add(legacy.withSignature(29, legacy.r(), legacy.s())),
        PoolError.INVALID_SENDER,
        "invalid sender: invalid transaction v, r, s values");
  }

  @Test
  void signatureThatRecoversNoKeyIsAnInvalidSender() {
    var good = (DynamicFeeTransaction) Tx.dynamic(1).sign();
    // about half of all x values are on the curve: find a small r that is not
    for (int r = 1; r < 64; r++) {
      var forged = good.withSignature(0, UInt256.valueOf(r), UInt256.ONE);
      if (forged.recoverSender().isEmpty()) {
        assertRejected(h.add(forged), PoolError.INVALID_SENDER, "invalid sender: recovery failed");
        return;
      }
    }
    throw new AssertionError("no unrecoverable r below 64");
  }

  @Test
  void forgedSignatureRecoversSomeoneElseWithoutFunds() {
    var good = (DynamicFeeTransaction) Tx.dynamic(1).sign();
    Signature sig = good.signature().orElseThrow();
    var forged = good.withSignature(1 - sig.recoveryId(), sig.r(), sig.s());
    Address other = forged.recoverSender().orElseThrow();
    assertRejected(
        h.add(forged),
        PoolError.INSUFFICIENT_FUNDS,
        "insufficient funds for gas * price + value: balance 0, tx cost 42000000, overshot 42000000");
    assertTrue(!other.equals(Keys.address(1)));
  }

  @Test
  void nonceAtTheMaximumIsRejected() {
    assertRejected(h.add(Tx.dynamic(1).nonce(-1L)), PoolError.NONCE_MAX, "nonce has max value");
  }

  @Test
  void initCodeAboveTheLimitIsRejected() {
    assertRejected(
        h.add(Tx.dynamic(1).create().gas(10_000_000).data(Bytes.wrap(new byte[49_153]))),
        PoolError.MAX_INITCODE_SIZE,
        "max initcode size exceeded: code size 49153, limit 49152");
  }

  @Test
  void gasLimitAboveTheBlockGasLimitIsRejected() {
    assertRejected(
        h.add(Tx.dynamic(1).gas(30_000_001)), PoolError.GAS_LIMIT, "exceeds block gas limit");
    assertEquals(TxStatus.PENDING, h.accept(Tx.dynamic(1).gas(30_000_000)).status());
  }

  @Test
  void tipAboveFeeCapIsRejected() {
    assertRejected(
        h.add(Tx.dynamic(1).price(2_001, 2_000)),
        PoolError.TIP_ABOVE_FEE_CAP,
        "max priority fee per gas higher than max fee per gas");
  }

  @Test
  void intrinsicGasMustBeCovered() {
    assertRejected(
        h.add(Tx.dynamic(1).gas(20_999)),
        PoolError.INTRINSIC_GAS,
        "intrinsic gas too low: gas 20999, minimum needed 21000");
    byte[] data = new byte[10];
    Arrays.fill(data, (byte) 1);
    // 21000 + 10 × 16 for non-zero calldata
    assertRejected(
        h.add(Tx.dynamic(1).gas(21_159).data(Bytes.wrap(data))),
        PoolError.INTRINSIC_GAS,
        "intrinsic gas too low: gas 21159, minimum needed 21160");
  }

  @Test
  void calldataFloorAppliesFromPrague() {
    byte[] data = new byte[100];
    Arrays.fill(data, (byte) 1);
    // intrinsic 21000 + 100 × 16 = 22600; EIP-7623 floor 21000 + 10 × 4 × 100 = 25000
    Tx tx = Tx.dynamic(1).gas(23_000).data(Bytes.wrap(data));
    assertRejected(
        h.add(tx),
        PoolError.FLOOR_DATA_GAS,
        "insufficient gas for floor data gas cost: gas 23000, minimum needed 25000");
    Harness holocene =
        new Harness(
            PoolConfig.defaults(Tx.CHAIN_ID),
            PoolJournal.NONE,
            OpFork.HOLOCENE,
            L1CostFunction.ZERO);
    assertEquals(TxStatus.PENDING, holocene.accept(tx).status());
  }

  @Test
  void tipBelowThePriceLimitIsUnderpriced() {
    assertRejected(
        h.add(Tx.dynamic(1).tip(0)),
        PoolError.UNDERPRICED,
        "transaction underpriced: gas tip cap 0, minimum needed 1");
    Harness strict =
        new Harness(PoolConfig.defaults(Tx.CHAIN_ID).withPriceLimit(UInt256.valueOf(50)));
    assertRejected(
        strict.add(Tx.dynamic(1).tip(49)),
        PoolError.UNDERPRICED,
        "transaction underpriced: gas tip cap 49, minimum needed 50");
    assertEquals(TxStatus.PENDING, strict.accept(Tx.dynamic(1).tip(50)).status());
  }

  @Test
  void feeCapBelowBaseFeeIsAcceptedButNotExecutableAtThatBaseFee() {
    AddResult.Accepted a = h.accept(Tx.dynamic(1).price(10, 500));
    assertEquals(TxStatus.PENDING, a.status());
    assertEquals(
        Optional.empty(), h.pool.bestTransactions(UInt256.valueOf(Harness.BASE_FEE)).next());
    assertEquals(
        a.transaction(), h.pool.bestTransactions(UInt256.valueOf(400)).next().orElseThrow());
  }

  @Test
  void setCodeNeedsAnAuthorization() {
    assertRejected(
        h.add(Tx.setCode(1)),
        PoolError.EMPTY_AUTH_LIST,
        "set code tx must have at least one authorization tuple");
  }

  @Test
  void nonceBelowTheStateNonceIsTooLow() {
    h.state.nonce(Keys.address(1), 5);
    assertRejected(
        h.add(Tx.dynamic(1).nonce(3)),
        PoolError.NONCE_TOO_LOW,
        "nonce too low: next nonce 5, tx nonce 3");
  }

  @Test
  void nonceTooFarAheadOfThePendingNonceIsTooHigh() {
    assertRejected(
        h.add(Tx.dynamic(1).nonce(64)),
        PoolError.NONCE_TOO_HIGH,
        "nonce too high: next nonce 0, tx nonce 64");
    assertEquals(TxStatus.QUEUED, h.accept(Tx.dynamic(1).nonce(63)).status());
    // the window moves with the pending nonce
    h.accept(Tx.dynamic(1).nonce(0));
    assertEquals(TxStatus.QUEUED, h.accept(Tx.dynamic(1).nonce(64)).status());
  }

  @Test
  void balanceMustCoverValuePlusGasTimesFeeCap() {
    h.state.fund(Keys.address(1), UInt256.valueOf(1_000));
    assertRejected(
        h.add(Tx.dynamic(1)),
        PoolError.INSUFFICIENT_FUNDS,
        "insufficient funds for gas * price + value: balance 1000, tx cost 42000000, overshot 41999000");
    h.state.fund(Keys.address(1), UInt256.valueOf(42_000_000));
    assertEquals(TxStatus.PENDING, h.accept(Tx.dynamic(1)).status());
    h.state.fund(Keys.address(2), UInt256.valueOf(42_000_005));
    assertRejected(
        h.add(Tx.dynamic(2).value(UInt256.valueOf(6))),
        PoolError.INSUFFICIENT_FUNDS,
        "insufficient funds for gas * price + value: balance 42000005, tx cost 42000006, overshot 1");
  }

  @Test
  void balanceMustCoverThePendingTransactionsToo() {
    h.state.fund(Keys.address(1), UInt256.valueOf(100_000_000));
    h.accept(Tx.dynamic(1).nonce(0));
    h.accept(Tx.dynamic(1).nonce(1));
    assertRejected(
        h.add(Tx.dynamic(1).nonce(2)),
        PoolError.INSUFFICIENT_FUNDS,
        "insufficient funds for gas * price + value: balance 100000000, queued cost 84000000,"
            + " tx cost 42000000, overshot 26000000");
    // a replacement is charged only its increase
    assertRejected(
        h.add(Tx.dynamic(1).nonce(1).price(1_000, 3_000)),
        PoolError.INSUFFICIENT_FUNDS,
        "insufficient funds for gas * price + value: balance 100000000, queued cost 84000000,"
            + " tx bumped 21000000, overshot 5000000");
  }

  @Test
  void l1DataFeeAndOperatorFeeCountTowardsTheCost() {
    L1CostFunction l1 = (tx, envelope) -> UInt256.valueOf(envelope.length * 1_000L + 7);
    Harness op = new Harness(PoolConfig.defaults(Tx.CHAIN_ID), PoolJournal.NONE, OpFork.JOVIAN, l1);
    var tx = Tx.dynamic(1).sign();
    long l1Cost = TransactionCodec.encode(tx).length * 1_000L + 7;
    op.state.fund(Keys.address(1), UInt256.valueOf(42_000_000 + l1Cost - 1));
    assertRejected(
        op.add(tx),
        PoolError.INSUFFICIENT_FUNDS,
        "insufficient funds for gas * price + value: balance "
            + (42_000_000 + l1Cost - 1)
            + ", tx cost "
            + (42_000_000 + l1Cost)
            + ", overshot 1");
    op.state.fund(Keys.address(1), UInt256.valueOf(42_000_000 + l1Cost));
    assertEquals(TxStatus.PENDING, op.accept(Tx.dynamic(1)).status());
  }

  @Test
  void theSameTransactionTwiceIsAlreadyKnown() {
    var tx = Tx.dynamic(1).sign();
    h.add(tx).orElseThrow();
    assertRejected(h.add(tx), PoolError.ALREADY_KNOWN, "already known");
    assertRejected(
        h.pool.addRaw(TransactionCodec.encode(tx), TxOrigin.REMOTE),
        PoolError.ALREADY_KNOWN,
        "already known");
  }

  @Test
  void rejectionAsException() {
    PoolException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PoolException.class, () -> h.add(Tx.dynamic(1).tip(0)).orElseThrow());
    assertEquals(PoolError.UNDERPRICED, e.error());
    assertEquals("transaction underpriced: gas tip cap 0, minimum needed 1", e.getMessage());
  }
}
