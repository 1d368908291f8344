package io.opal.primitives.tx;

import static io.opal.primitives.tx.SampleTransactions.CHAIN_ID;
import static io.opal.primitives.tx.SampleTransactions.KEY;
import static io.opal.primitives.tx.SampleTransactions.KEY_ADDRESS;
import static io.opal.primitives.tx.SampleTransactions.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Signature;
import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

class TransactionValidatorTest {
  private static final TransactionValidator PRAGUE =
      new TransactionValidator(EvmFork.PRAGUE, CHAIN_ID);

  private static Optional<TransactionError> at(EvmFork fork, Transaction tx) {
    return new TransactionValidator(fork, CHAIN_ID).validate(tx);
  }

  @Test
  void everySampleIsValidAtPragueAndRecoversItsSender() {
    for (Transaction tx : SampleTransactions.all()) {
      TransactionValidator.Outcome outcome = PRAGUE.validateAndRecover(tx);
      assertEquals(new TransactionValidator.Valid(tx.sender()), outcome, tx.type().name());
    }
  }

  @Test
  void typesActivateWithTheirForks() {
    Transaction accessList = SampleTransactions.accessList();
    Transaction dynamicFee = SampleTransactions.dynamicFee();
    Transaction blob = SampleTransactions.blob(List.of(SampleTransactions.versionedHash(1)));
    Transaction setCode = SampleTransactions.setCode(List.of(SampleTransactions.authorization(0)));
    Optional<TransactionError> unsupported = Optional.of(TransactionError.TYPE_NOT_SUPPORTED);
    assertEquals(unsupported, at(EvmFork.ISTANBUL, accessList));
    assertEquals(Optional.empty(), at(EvmFork.BERLIN, accessList));
    assertEquals(unsupported, at(EvmFork.BERLIN, dynamicFee));
    assertEquals(Optional.empty(), at(EvmFork.LONDON, dynamicFee));
    assertEquals(unsupported, at(EvmFork.SHANGHAI, blob));
    assertEquals(Optional.empty(), at(EvmFork.CANCUN, blob));
    assertEquals(unsupported, at(EvmFork.CANCUN, setCode));
    assertEquals(Optional.empty(), at(EvmFork.PRAGUE, setCode));
  }

  @Test
  void signatureRules() {
    LegacyTransaction eip155 = SampleTransactions.legacy(true);
    assertEquals(
        Optional.of(TransactionError.REPLAY_PROTECTION_NOT_ACTIVE),
        at(EvmFork.TANGERINE_WHISTLE, eip155));
    assertEquals(Optional.empty(), at(EvmFork.SPURIOUS_DRAGON, eip155));
    assertEquals(
        Optional.of(TransactionError.WRONG_CHAIN_ID),
        new TransactionValidator(EvmFork.PRAGUE, 10).validate(eip155));
    assertEquals(
        Optional.of(TransactionError.WRONG_CHAIN_ID),
        new TransactionValidator(EvmFork.PRAGUE, 10).validate(SampleTransactions.dynamicFee()));
    assertEquals(
        Optional.of(TransactionError.INVALID_SIGNATURE),
        PRAGUE.validate(eip155.withSignature(29, eip155.r(), eip155.s())));
    assertEquals(
        Optional.of(TransactionError.INVALID_SIGNATURE),
        PRAGUE.validate(eip155.withSignature(eip155.v(), UInt256.ZERO, eip155.s())));

    // EIP-2: the mirrored s recovers the same sender but is only valid in Frontier
    LegacyTransaction plain = SampleTransactions.legacy(false);
    LegacyTransaction highS =
        plain.withSignature(55 - plain.v(), plain.r(), Signature.N.subtract(plain.s()));
    assertEquals(KEY_ADDRESS, highS.sender());
    assertEquals(Optional.empty(), at(EvmFork.FRONTIER, highS));
    assertEquals(Optional.of(TransactionError.SIGNATURE_S_TOO_HIGH), at(EvmFork.HOMESTEAD, highS));
  }

  @Test
  void recoveryFailureIsReported() {
    DynamicFeeTransaction tx = SampleTransactions.dynamicFee();
    // about half of all x values are not on the curve: the first small r that is not recovers
    // no key although it passes every range check
    DynamicFeeTransaction bad = null;
    for (int r = 5; bad == null; r++) {
      DynamicFeeTransaction candidate = tx.withSignature(0, UInt256.valueOf(r), tx.s());
      if (candidate.recoverSender().isEmpty()) {
        bad = candidate;
      }
    }
    assertEquals(
        new TransactionValidator.Invalid(TransactionError.SENDER_RECOVERY_FAILED),
        PRAGUE.validateAndRecover(bad));
  }

  @Test
  void feeRules() {
    DynamicFeeTransaction base = SampleTransactions.dynamicFee();
    DynamicFeeTransaction tipAboveCap = withFees(base, UInt256.valueOf(11), UInt256.valueOf(10));
    assertEquals(Optional.of(TransactionError.TIP_ABOVE_FEE_CAP), PRAGUE.validate(tipAboveCap));

    // gasLimit × maxFee: exactly 2^256 - 1 would be fine, one more is not
    long gasLimit = 3;
    UInt256 largest = UInt256.MAX_VALUE.divide(UInt256.valueOf(gasLimit));
    assertFalse(TransactionValidator.productExceeds256Bits(gasLimit, largest));
    assertTrue(TransactionValidator.productExceeds256Bits(gasLimit, largest.add(UInt256.ONE)));
    assertTrue(TransactionValidator.productExceeds256Bits(-1L, UInt256.MAX_VALUE));
    assertFalse(
        TransactionValidator.productExceeds256Bits(-1L, UInt256.valueOf(BigInteger.TWO.pow(192))));
    DynamicFeeTransaction overflow =
        withGas(withFees(base, UInt256.ONE, UInt256.MAX_VALUE), 30_000, base.data());
    assertEquals(Optional.of(TransactionError.GAS_LIMIT_PRICE_OVERFLOW), PRAGUE.validate(overflow));
  }

  @Test
  void nonceMustStayBelowTwoToThe64MinusOne() {
    DynamicFeeTransaction base = SampleTransactions.dynamicFee();
    DynamicFeeTransaction max =
        sign(
            new DynamicFeeTransaction(
                CHAIN_ID,
                -1L,
                base.maxPriorityFeePerGas(),
                base.maxFeePerGas(),
                base.gasLimit(),
                base.to(),
                base.value(),
                base.data(),
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO));
    assertEquals(Optional.of(TransactionError.NONCE_MAX), PRAGUE.validate(max));
    DynamicFeeTransaction below =
        sign(
            new DynamicFeeTransaction(
                CHAIN_ID,
                -2L,
                base.maxPriorityFeePerGas(),
                base.maxFeePerGas(),
                base.gasLimit(),
                base.to(),
                base.value(),
                base.data(),
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO));
    assertEquals(Optional.empty(), PRAGUE.validate(below));
  }

  @Test
  void gasRules() {
    DynamicFeeTransaction base = SampleTransactions.dynamicFee();
    long intrinsic = IntrinsicGas.of(base, EvmFork.CANCUN);
    assertEquals(Optional.empty(), at(EvmFork.CANCUN, withGas(base, intrinsic, base.data())));
    assertEquals(
        Optional.of(TransactionError.INTRINSIC_GAS_TOO_LOW),
        at(EvmFork.CANCUN, withGas(base, intrinsic - 1, base.data())));

    // 1,000 non-zero bytes: intrinsic 21000 + 16,000, floor 21000 + 40,000
    Bytes heavy = Bytes.wrap(filled(1_000));
    DynamicFeeTransaction calldata = withGas(base, 37_000, heavy);
    assertEquals(Optional.empty(), at(EvmFork.CANCUN, calldata));
    assertEquals(
        Optional.of(TransactionError.FLOOR_DATA_GAS_TOO_LOW), at(EvmFork.PRAGUE, calldata));
    assertEquals(Optional.empty(), at(EvmFork.PRAGUE, withGas(base, 61_000, heavy)));
  }

  @Test
  void initcodeLimitFromShanghai() {
    Bytes initcode = Bytes.wrap(filled(TransactionValidator.MAX_INITCODE_SIZE + 1));
    DynamicFeeTransaction create =
        sign(
            new DynamicFeeTransaction(
                CHAIN_ID,
                0,
                UInt256.ONE,
                UInt256.ONE,
                10_000_000,
                Optional.empty(),
                UInt256.ZERO,
                initcode,
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO));
    assertEquals(Optional.empty(), at(EvmFork.PARIS, create));
    assertEquals(Optional.of(TransactionError.INITCODE_TOO_LARGE), at(EvmFork.SHANGHAI, create));
    DepositTransaction deposit =
        new DepositTransaction(
            Hash.ZERO,
            KEY_ADDRESS,
            Optional.empty(),
            UInt256.ZERO,
            UInt256.ZERO,
            10_000_000,
            false,
            initcode);
    assertEquals(Optional.of(TransactionError.INITCODE_TOO_LARGE), at(EvmFork.SHANGHAI, deposit));
  }

  @Test
  void blobAndSetCodeShapes() {
    assertEquals(
        Optional.of(TransactionError.NO_BLOBS),
        PRAGUE.validate(SampleTransactions.blob(List.of())));
    byte[] unversioned = SampleTransactions.versionedHash(1).toArray().clone();
    unversioned[0] = 0x02;
    assertEquals(
        Optional.of(TransactionError.INVALID_BLOB_VERSIONED_HASH),
        PRAGUE.validate(SampleTransactions.blob(List.of(Hash.wrap(unversioned)))));
    assertEquals(
        Optional.of(TransactionError.EMPTY_AUTHORIZATION_LIST),
        PRAGUE.validate(SampleTransactions.setCode(List.of())));
  }

  @Test
  void effectivePrices() {
    DynamicFeeTransaction tx =
        withFees(SampleTransactions.dynamicFee(), UInt256.valueOf(2), UInt256.valueOf(10));
    assertEquals(UInt256.valueOf(7), tx.effectiveGasPrice(UInt256.valueOf(5)));
    assertEquals(Optional.of(UInt256.valueOf(2)), tx.effectiveTip(UInt256.valueOf(5)));
    assertEquals(UInt256.valueOf(10), tx.effectiveGasPrice(UInt256.valueOf(9)));
    assertEquals(Optional.of(UInt256.ONE), tx.effectiveTip(UInt256.valueOf(9)));
    assertEquals(Optional.empty(), tx.effectiveTip(UInt256.valueOf(11)));
    DynamicFeeTransaction huge = withFees(tx, UInt256.MAX_VALUE, UInt256.MAX_VALUE);
    assertEquals(UInt256.MAX_VALUE, huge.effectiveGasPrice(UInt256.valueOf(5)), "no wrap-around");

    LegacyTransaction legacy = SampleTransactions.legacy(true);
    assertEquals(legacy.gasPrice(), legacy.effectiveGasPrice(UInt256.ONE));
    assertEquals(legacy.gasPrice(), legacy.effectiveGasPrice(UInt256.ZERO));
    assertEquals(
        Optional.of(legacy.gasPrice().subtract(UInt256.ONE)), legacy.effectiveTip(UInt256.ONE));
    DepositTransaction deposit = SampleTransactions.deposit(Optional.of(TO));
    assertEquals(UInt256.ZERO, deposit.effectiveGasPrice(UInt256.valueOf(100)));
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) 0x5b);
    return b;
  }

  private static DynamicFeeTransaction sign(DynamicFeeTransaction tx) {
    return TransactionSigner.sign(tx, KEY);
  }

  private static DynamicFeeTransaction withFees(DynamicFeeTransaction t, UInt256 tip, UInt256 cap) {
    return sign(
        new DynamicFeeTransaction(
            t.chainId(),
            t.nonce(),
            tip,
            cap,
            t.gasLimit(),
            t.to(),
            t.value(),
            t.data(),
            t.accessList(),
            0,
            UInt256.ZERO,
            UInt256.ZERO));
  }

  private static DynamicFeeTransaction withGas(DynamicFeeTransaction t, long gas, Bytes data) {
    return sign(
        new DynamicFeeTransaction(
            t.chainId(),
            t.nonce(),
            t.maxPriorityFeePerGas(),
            t.maxFeePerGas(),
            gas,
            t.to(),
            t.value(),
            data,
            t.accessList(),
            0,
            UInt256.ZERO,
            UInt256.ZERO));
  }
}
