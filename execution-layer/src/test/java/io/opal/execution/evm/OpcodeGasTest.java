package io.opal.execution.evm;

import static io.opal.execution.evm.EvmHarness.CONTRACT;
import static io.opal.execution.evm.EvmHarness.OTHER;
import static io.opal.execution.evm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.execution.state.Word256;
import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.fork.EvmFork;
import java.util.Map;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/**
 * Gas of individual instructions, computed by hand from the yellow paper and the EIPs, measured as
 * the gas a transaction calling the code uses beyond the 21000 intrinsic gas.
 */
class OpcodeGasTest {
  private static final long TX = 21_000;

  private static long executionGas(EvmFork fork, Asm code) {
    EvmHarness h = new EvmHarness(fork).deploy(CONTRACT, code.op(STOP).bytes());
    TransactionResult r = h.call(CONTRACT, new byte[0], 1_000_000);
    assertEquals(true, r.isSuccess(), "execution failed: " + r.haltReason());
    return r.gasUsed() - TX;
  }

  @Test
  void arithmeticAndExpByteCost() {
    assertEquals(
        3 + 3 + 3 + 2, executionGas(EvmFork.CANCUN, new Asm().push(2).push(3).op(ADD).op(POP)));
    assertEquals(
        3 + 3 + 5 + 2, executionGas(EvmFork.CANCUN, new Asm().push(2).push(3).op(MUL).op(POP)));
    assertEquals(
        3 + 3 + 3 + 8 + 2,
        executionGas(EvmFork.CANCUN, new Asm().push(5).push(2).push(3).op(MULMOD).op(POP)));
    // EXP(2, 1): one exponent byte, 50 per byte since EIP-160 (Spurious Dragon), 10 before.
    assertEquals(
        3 + 3 + 10 + 50 + 2,
        executionGas(EvmFork.CANCUN, new Asm().push(1).push(2).op(EXP).op(POP)));
    assertEquals(
        3 + 3 + 10 + 10 + 2,
        executionGas(EvmFork.FRONTIER, new Asm().push(1).push(2).op(EXP).op(POP)));
    // A two-byte exponent (0x0100) costs two bytes; a zero exponent none.
    assertEquals(
        3 + 3 + 10 + 100 + 2,
        executionGas(EvmFork.CANCUN, new Asm().push(256).push(2).op(EXP).op(POP)));
    assertEquals(
        3 + 3 + 10 + 2, executionGas(EvmFork.CANCUN, new Asm().push(0).push(2).op(EXP).op(POP)));
  }

  @Test
  void memoryExpansionIsQuadratic() {
    // One word: 3·1 + 1²/512 = 3.
    assertEquals(3 + 3 + 3 + 3, executionGas(EvmFork.CANCUN, new Asm().push(0).push(0).op(MSTORE)));
    // Offset 1024 + 32 bytes = 33 words: 3·33 + 33²/512 = 99 + 2 = 101.
    assertEquals(
        3 + 3 + 3 + 101, executionGas(EvmFork.CANCUN, new Asm().push(0).push(1024).op(MSTORE)));
    // Expanding again by a word pays only the difference: 34 words = 102 + 2 = 104, minus 101.
    assertEquals(
        3 + 3 + 3 + 101 + 3 + 3 + 3 + 3,
        executionGas(
            EvmFork.CANCUN, new Asm().push(0).push(1024).op(MSTORE).push(0).push(1056).op(MSTORE)));
    // MSTORE8 at 31 touches only the first word.
    assertEquals(
        3 + 3 + 3 + 3, executionGas(EvmFork.CANCUN, new Asm().push(0).push(31).op(MSTORE8)));
  }

  @Test
  void keccakCopyAndLogCosts() {
    // KECCAK256 of 64 bytes: 30 + 6·2 words + 2 words of memory (6).
    assertEquals(
        3 + 3 + 30 + 12 + 6 + 2,
        executionGas(EvmFork.CANCUN, new Asm().push(64).push(0).op(KECCAK256).op(POP)));
    // CALLDATACOPY of 33 bytes: 3 + 3·2 words + 2 words of memory.
    assertEquals(
        3 * 3 + 3 + 6 + 6,
        executionGas(EvmFork.CANCUN, new Asm().push(33).push(0).push(0).op(CALLDATACOPY)));
    // MCOPY (Cancun) of 32 bytes from 0 to 32: 3 + 3·1 + 2 words of memory.
    assertEquals(
        3 * 3 + 3 + 3 + 6,
        executionGas(EvmFork.CANCUN, new Asm().push(32).push(0).push(32).op(MCOPY)));
    // LOG1 of 10 bytes: 375 + 375 per topic + 8 per byte + 1 word of memory.
    assertEquals(
        3 * 3 + 750 + 80 + 3,
        executionGas(EvmFork.CANCUN, new Asm().push(7).push(10).push(0).op(LOG0 + 1)));
  }

  @Test
  void sloadAndBalancePricesPerFork() {
    Asm sload = new Asm().push(0).op(SLOAD).op(POP);
    assertEquals(3 + 50 + 2, executionGas(EvmFork.FRONTIER, sload));
    assertEquals(
        3 + 200 + 2, executionGas(EvmFork.TANGERINE_WHISTLE, new Asm().push(0).op(SLOAD).op(POP)));
    assertEquals(3 + 800 + 2, executionGas(EvmFork.ISTANBUL, new Asm().push(0).op(SLOAD).op(POP)));
    // EIP-2929: cold 2100, then warm 100.
    assertEquals(
        3 + 2100 + 2 + 3 + 100 + 2,
        executionGas(
            EvmFork.BERLIN, new Asm().push(0).op(SLOAD).op(POP).push(0).op(SLOAD).op(POP)));
    assertEquals(
        3 + 20 + 2, executionGas(EvmFork.FRONTIER, new Asm().push(OTHER).op(BALANCE).op(POP)));
    assertEquals(
        3 + 400 + 2,
        executionGas(EvmFork.TANGERINE_WHISTLE, new Asm().push(OTHER).op(BALANCE).op(POP)));
    assertEquals(
        3 + 700 + 2, executionGas(EvmFork.ISTANBUL, new Asm().push(OTHER).op(BALANCE).op(POP)));
    assertEquals(
        3 + 2600 + 2 + 3 + 100 + 2,
        executionGas(
            EvmFork.CANCUN,
            new Asm().push(OTHER).op(BALANCE).op(POP).push(OTHER).op(BALANCE).op(POP)));
    // The called contract itself is warm (EIP-2929 warms the transaction's target).
    assertEquals(
        3 + 100 + 2, executionGas(EvmFork.CANCUN, new Asm().push(CONTRACT).op(BALANCE).op(POP)));
    // Shanghai's EIP-3651 warms the coinbase.
    assertEquals(
        3 + 100 + 2,
        executionGas(EvmFork.SHANGHAI, new Asm().push(EvmHarness.COINBASE).op(BALANCE).op(POP)));
    assertEquals(
        3 + 2600 + 2,
        executionGas(EvmFork.PARIS, new Asm().push(EvmHarness.COINBASE).op(BALANCE).op(POP)));
  }

  @Test
  void callToEmptyAccountWithValue() {
    // Cancun: cold account 2600 + value transfer 9000 + new account 25000. The callee has no
    // code, so the 2300 stipend it was given (free for the caller) comes back to the caller as
    // unused gas. Seven pushes and a POP around it.
    EvmHarness h = new EvmHarness(EvmFork.CANCUN);
    byte[] code = new Asm().call(0, OTHER, 1).op(POP).op(STOP).bytes();
    h.world.put(CONTRACT, 1, UInt256.valueOf(10), code, Map.of());
    TransactionResult r = h.call(CONTRACT, new byte[0], 1_000_000);
    assertEquals(7 * 3 + 2600 + 9000 + 25_000 - 2300 + 2, r.gasUsed() - TX);
    assertEquals(UInt256.ONE, h.balance(OTHER));
  }

  /** SSTORE under EIP-2200 + EIP-2929 + EIP-3529 (London and later). */
  @Test
  void sstoreNetMeteringWithColdSlotsAndReducedRefunds() {
    // 0 -> 1: cold 2100 + set 20000.
    assertEquals(3 + 3 + 22_100, executionGas(EvmFork.CANCUN, new Asm().push(1).storeTop(0)));
    EvmHarness h = new EvmHarness(EvmFork.CANCUN);
    // Slot 0 starts at 1: 1 -> 0 -> 1. First a reset (2100 + 2900) with a 4800 refund, then
    // restoring the original: 100, refund -4800 + 2800 = 2800 in all.
    h.world.put(
        CONTRACT,
        1,
        UInt256.ZERO,
        new Asm().push(0).storeTop(0).push(1).storeTop(0).op(STOP).bytes(),
        Map.of(Word256.ZERO, Word256.of(1)));
    TransactionResult r = h.call(CONTRACT, new byte[0], 1_000_000);
    long execution = 4 * 3 + 5000 + 100;
    long used = TX + execution;
    assertEquals(2800, r.gasRefunded());
    assertEquals(used - Math.min(2800, used / 5), r.gasUsed());
    assertEquals(Word256.of(1), h.storage(CONTRACT, 0));
  }

  @Test
  void sstoreRulesOfOlderForks() {
    // Frontier: 0 -> 1 -> 0 costs 20000 + 5000 and refunds 15000 (capped at half the gas used).
    EvmHarness h = new EvmHarness(EvmFork.FRONTIER);
    h.deploy(CONTRACT, new Asm().push(1).storeTop(0).push(0).storeTop(0).op(STOP).bytes());
    TransactionResult r = h.call(CONTRACT, new byte[0], 1_000_000);
    long used = TX + 12 + 25_000;
    assertEquals(15_000, r.gasRefunded());
    assertEquals(used - 15_000, r.gasUsed());
    // Constantinople (EIP-1283): the second store is "dirty": 200, refund 19800.
    h = new EvmHarness(EvmFork.CONSTANTINOPLE);
    h.deploy(CONTRACT, new Asm().push(1).storeTop(0).push(0).storeTop(0).op(STOP).bytes());
    r = h.call(CONTRACT, new byte[0], 1_000_000);
    used = TX + 12 + 20_200;
    assertEquals(19_800, r.gasRefunded());
    assertEquals(used - Math.min(19_800, used / 2), r.gasUsed());
    // Petersburg withdrew EIP-1283: back to 20000 + 5000, refund 15000.
    h = new EvmHarness(EvmFork.PETERSBURG);
    h.deploy(CONTRACT, new Asm().push(1).storeTop(0).push(0).storeTop(0).op(STOP).bytes());
    r = h.call(CONTRACT, new byte[0], 1_000_000);
    used = TX + 12 + 25_000;
    assertEquals(used - Math.min(15_000, used / 2), r.gasUsed());
    // Istanbul (EIP-2200): dirty store 800, refund 19200.
    h = new EvmHarness(EvmFork.ISTANBUL);
    h.deploy(CONTRACT, new Asm().push(1).storeTop(0).push(0).storeTop(0).op(STOP).bytes());
    r = h.call(CONTRACT, new byte[0], 1_000_000);
    used = TX + 12 + 20_800;
    assertEquals(used - Math.min(19_200, used / 2), r.gasUsed());
  }

  @Test
  void transientStorageCostsAndResets() {
    // TSTORE + TLOAD: 100 each; the value lives only for the transaction.
    assertEquals(
        3 + 3 + 100 + 3 + 100 + 2,
        executionGas(
            EvmFork.CANCUN, new Asm().push(5).push(0).op(TSTORE).push(0).op(TLOAD).op(POP)));
  }
}
