package io.opal.execution.evm;

import static io.opal.execution.evm.EvmHarness.CONTRACT;
import static io.opal.execution.evm.EvmHarness.OTHER;
import static io.opal.execution.evm.EvmHarness.SENDER;
import static io.opal.execution.evm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.Word256;
import io.opal.execution.transaction.InvalidTransaction;
import io.opal.execution.transaction.TransactionResult;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.tx.Authorization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** EIP-7702: authorizations, delegated execution and the code-reading instructions. */
class SetCodeTransactionTest {
  private static final byte[] AUTHORITY_KEY =
      Hex.decode("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
  private static final Address AUTHORITY = Secp256k1.get().address(AUTHORITY_KEY);

  private static Authorization sign(long chainId, Address target, long nonce) {
    Authorization unsigned =
        new Authorization(UInt256.valueOf(chainId), target, nonce, 0, UInt256.ZERO, UInt256.ZERO);
    Signature sig = Secp256k1.get().sign(unsigned.signingHash().toArray(), AUTHORITY_KEY);
    return new Authorization(unsigned.chainId(), target, nonce, sig.recoveryId(), sig.r(), sig.s());
  }

  private static TxEnv setCodeTx(EvmHarness h, Address to, List<Authorization> auths, long gas) {
    return new TxEnv(
        4,
        SENDER,
        Optional.of(to),
        UInt256.ZERO,
        new byte[0],
        gas,
        h.nonce(SENDER),
        UInt256.valueOf(10),
        UInt256.valueOf(1),
        List.of(),
        List.of(),
        UInt256.ZERO,
        auths);
  }

  @Test
  void authorityRunsTheDelegateCodeInItsOwnContext() {
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    // The delegate stores CALLER in slot 0 of whoever runs it.
    h.deploy(CONTRACT, new Asm().op(CALLER).storeTop(0).op(STOP).bytes());
    TransactionResult r =
        EvmHarness.executed(
            h.send(setCodeTx(h, AUTHORITY, List.of(sign(1, CONTRACT, 0)), 200_000)));
    assertTrue(r.isSuccess());
    byte[] code = h.world.code(h.world.account(AUTHORITY).orElseThrow().codeHash());
    assertArrayEquals(Delegation.designator(CONTRACT), code);
    assertEquals(1, h.nonce(AUTHORITY));
    assertEquals(Word256.fromBytesPadded(SENDER.toArray()), h.storage(AUTHORITY, 0));
    assertEquals(Word256.ZERO, h.storage(CONTRACT, 0));
    // Intrinsic 21000 + 25000 per authorization (no refund: the authority did not exist).
    // Execution: CALLER 2, PUSH1 3, SSTORE cold set 22100; the delegate is warmed up front.
    assertEquals(21_000 + 25_000 + 2 + 3 + 22_100, r.gasUsed());
  }

  @Test
  void existingAuthorityIsRefundedAndInvalidAuthorizationsSkipped() {
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    h.deploy(CONTRACT, new Asm().op(STOP).bytes());
    h.world.put(AUTHORITY, 0, UInt256.valueOf(5), new byte[0], Map.of());
    List<Authorization> auths =
        List.of(
            sign(5, CONTRACT, 0), // wrong chain: skipped
            sign(1, CONTRACT, 7), // wrong nonce: skipped
            sign(0, CONTRACT, 0)); // chain id 0 is valid on any chain
    TransactionResult r = EvmHarness.executed(h.send(setCodeTx(h, OTHER, auths, 200_000)));
    assertTrue(r.isSuccess());
    assertEquals(1, h.nonce(AUTHORITY));
    // 21000 + 3·25000 intrinsic, minus the 12500 refund (capped at a fifth of that).
    long used = 21_000 + 75_000;
    assertEquals(used - Math.min(12_500, used / 5), r.gasUsed());
    // A second authorization to the zero address clears the delegation.
    r =
        EvmHarness.executed(
            h.send(setCodeTx(h, OTHER, List.of(sign(1, Address.ZERO, 1)), 100_000)));
    assertTrue(r.isSuccess());
    assertEquals(Hash.EMPTY, h.world.account(AUTHORITY).orElseThrow().codeHash());
    assertEquals(2, h.nonce(AUTHORITY));
  }

  @Test
  void codeReadingInstructionsSeeTheDesignator() {
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    h.deploy(CONTRACT, new Asm().op(STOP).bytes());
    h.world.put(AUTHORITY, 1, UInt256.ZERO, Delegation.designator(CONTRACT), Map.of());
    h.deploy(
        OTHER,
        new Asm()
            .push(AUTHORITY)
            .op(EXTCODESIZE)
            .storeTop(0)
            .push(AUTHORITY)
            .op(EXTCODEHASH)
            .storeTop(1)
            .push(32)
            .push(0)
            .push(0)
            .push(AUTHORITY)
            .op(EXTCODECOPY)
            .push(0)
            .op(MLOAD)
            .storeTop(2)
            .op(STOP)
            .bytes());
    assertTrue(h.call(OTHER, new byte[0], 300_000).isSuccess());
    byte[] designator = Delegation.designator(CONTRACT);
    assertEquals(Word256.of(23), h.storage(OTHER, 0));
    assertEquals(Word256.fromBytes(Hash.keccak(designator).toArray()), h.storage(OTHER, 1));
    byte[] padded = new byte[32];
    System.arraycopy(designator, 0, padded, 0, 23);
    assertEquals(Word256.fromBytes(padded), h.storage(OTHER, 2));
  }

  @Test
  void callingADelegatedAccountPaysForTheDelegate() {
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    h.deploy(CONTRACT, new Asm().op(STOP).bytes());
    h.world.put(AUTHORITY, 1, UInt256.ZERO, Delegation.designator(CONTRACT), Map.of());
    h.deploy(OTHER, new Asm().call(0, AUTHORITY, 0).op(POP).op(STOP).bytes());
    TransactionResult r = h.call(OTHER, new byte[0], 100_000);
    // Seven pushes, cold AUTHORITY 2600, cold delegate CONTRACT 2600, POP.
    assertEquals(21_000 + 7 * 3 + 2600 + 2600 + 2, r.gasUsed());
  }

  @Test
  void delegatedSenderMaySendButContractsMayNot() {
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    h.world.put(SENDER, 0, EvmHarness.RICH, Delegation.designator(CONTRACT), Map.of());
    assertTrue(h.call(OTHER, new byte[0], 30_000).isSuccess());
    h.world.put(SENDER, 1, EvmHarness.RICH, new byte[] {0x00}, Map.of());
    TxOutcome o =
        h.send(
            TxEnv.legacy(
                SENDER,
                Optional.of(OTHER),
                UInt256.ZERO,
                new byte[0],
                30_000,
                1,
                UInt256.valueOf(10)));
    assertEquals(InvalidTransaction.SENDER_NOT_EOA, ((TxOutcome.Rejected) o).reason());
  }

  @Test
  void setCodeTransactionsNeedPragueAndAuthorizations() {
    EvmHarness cancun = new EvmHarness(EvmFork.CANCUN);
    TxOutcome o = cancun.send(setCodeTx(cancun, OTHER, List.of(sign(1, CONTRACT, 0)), 100_000));
    assertEquals(InvalidTransaction.TYPE_NOT_SUPPORTED, ((TxOutcome.Rejected) o).reason());
    EvmHarness prague = new EvmHarness(EvmFork.PRAGUE);
    o = prague.send(setCodeTx(prague, OTHER, List.of(), 100_000));
    assertEquals(InvalidTransaction.EMPTY_AUTHORIZATION_LIST, ((TxOutcome.Rejected) o).reason());
  }

  @Test
  void calldataFloorOfEip7623() {
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    byte[] data = new byte[1000];
    java.util.Arrays.fill(data, (byte) 1);
    // To an account without code: 21000 + 16·1000 intrinsic; floor 21000 + 10·4·1000 = 61000.
    TransactionResult r = h.call(OTHER, data, 100_000);
    assertEquals(61_000, r.gasUsed());
    TxOutcome low =
        h.send(
            TxEnv.legacy(
                SENDER,
                Optional.of(OTHER),
                UInt256.ZERO,
                data,
                60_000,
                h.nonce(SENDER),
                UInt256.valueOf(10)));
    assertEquals(InvalidTransaction.INTRINSIC_GAS_TOO_LOW, ((TxOutcome.Rejected) low).reason());
    // Cancun has no floor.
    EvmHarness c = new EvmHarness(EvmFork.CANCUN);
    assertEquals(37_000, c.call(OTHER, data, 100_000).gasUsed());
  }
}
