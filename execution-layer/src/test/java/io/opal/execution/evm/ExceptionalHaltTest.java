package io.opal.execution.evm;

import static io.opal.execution.evm.EvmHarness.CONTRACT;
import static io.opal.execution.evm.EvmHarness.OTHER;
import static io.opal.execution.evm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.Word256;
import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.Address;
import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exceptional halts consume all the frame's gas and undo its changes, exactly per spec. */
class ExceptionalHaltTest {
  private static final long GAS = 100_000;

  private static TransactionResult run(EvmFork fork, Asm code) {
    EvmHarness h = new EvmHarness(fork).deploy(CONTRACT, code.bytes());
    return h.call(CONTRACT, new byte[0], GAS);
  }

  private static void assertHalt(HaltReason reason, TransactionResult r) {
    assertFalse(r.isSuccess());
    assertEquals(Optional.of(reason), r.haltReason());
    assertEquals(GAS, r.gasUsed(), "a halt consumes all gas");
  }

  @Test
  void invalidOpcodesAndStack() {
    assertHalt(HaltReason.INVALID_OPCODE, run(EvmFork.CANCUN, new Asm().op(INVALID)));
    assertHalt(HaltReason.INVALID_OPCODE, run(EvmFork.CANCUN, new Asm().op(0x0c)));
    // PUSH0 does not exist before Shanghai, TLOAD before Cancun.
    assertHalt(HaltReason.INVALID_OPCODE, run(EvmFork.PARIS, new Asm().op(PUSH0)));
    assertHalt(HaltReason.INVALID_OPCODE, run(EvmFork.SHANGHAI, new Asm().push(0).op(TLOAD)));
    assertHalt(HaltReason.STACK_UNDERFLOW, run(EvmFork.CANCUN, new Asm().push(1).op(ADD)));
    Asm overflow = new Asm();
    for (int i = 0; i < 1025; i++) {
      overflow.op(PUSH0);
    }
    assertHalt(HaltReason.STACK_OVERFLOW, run(EvmFork.CANCUN, overflow));
    Asm full = new Asm();
    for (int i = 0; i < 1024; i++) {
      full.op(PUSH0);
    }
    assertTrue(run(EvmFork.CANCUN, full.op(STOP)).isSuccess(), "1024 items are allowed");
  }

  @Test
  void jumpsOnlyToJumpDestsOutsidePushData() {
    // PUSH1 4 JUMP PUSH1 0x5b: offset 4 is 0x5b but inside PUSH1's data.
    assertHalt(HaltReason.INVALID_JUMP, run(EvmFork.CANCUN, new Asm().raw("600456605b")));
    // PUSH1 4 JUMP INVALID JUMPDEST STOP: a real JUMPDEST.
    assertTrue(run(EvmFork.CANCUN, new Asm().raw("600456fe5b00")).isSuccess());
    // JUMPI with a zero condition falls through even to a bad destination.
    assertTrue(run(EvmFork.CANCUN, new Asm().raw("600060ff5700")).isSuccess());
    // Destinations beyond the code or above 2^64 are invalid, not exceptions.
    assertHalt(HaltReason.INVALID_JUMP, run(EvmFork.CANCUN, new Asm().push(1000).op(JUMP)));
    assertHalt(
        HaltReason.INVALID_JUMP,
        run(EvmFork.CANCUN, new Asm().push(BigInteger.ONE.shiftLeft(200)).op(JUMP)));
  }

  @Test
  void memoryBeyondAnyGasIsOutOfGas() {
    assertHalt(
        HaltReason.OUT_OF_GAS,
        run(EvmFork.CANCUN, new Asm().push(1).push(BigInteger.ONE.shiftLeft(32)).op(MSTORE)));
    assertHalt(
        HaltReason.OUT_OF_GAS,
        run(EvmFork.CANCUN, new Asm().push(BigInteger.ONE.shiftLeft(255)).op(MLOAD)));
    assertHalt(
        HaltReason.OUT_OF_GAS,
        run(
            EvmFork.CANCUN,
            new Asm().push(BigInteger.ONE.shiftLeft(100)).push(0).push(0).op(CALLDATACOPY)));
    // A zero-size access at any offset expands nothing.
    assertTrue(
        run(
                EvmFork.CANCUN,
                new Asm().push(0).push(BigInteger.ONE.shiftLeft(200)).op(KECCAK256).op(STOP))
            .isSuccess());
  }

  @Test
  void returnDataOutOfBounds() {
    // No call yet: the return data is empty, so copying one byte is out of bounds...
    assertHalt(
        HaltReason.RETURN_DATA_OUT_OF_BOUNDS,
        run(EvmFork.CANCUN, new Asm().push(1).push(0).push(0).op(RETURNDATACOPY)));
    // ...as is a zero-length copy from an offset past the end.
    assertHalt(
        HaltReason.RETURN_DATA_OUT_OF_BOUNDS,
        run(EvmFork.CANCUN, new Asm().push(0).push(1).push(0).op(RETURNDATACOPY)));
    assertTrue(
        run(EvmFork.CANCUN, new Asm().push(0).push(0).push(0).op(RETURNDATACOPY).op(STOP))
            .isSuccess());
  }

  @Test
  void staticCallCannotChangeState() {
    EvmHarness h = new EvmHarness(EvmFork.CANCUN);
    h.deploy(OTHER, new Asm().push(1).storeTop(0).op(STOP).bytes());
    // STATICCALL(gas, OTHER, 0, 0, 0, 0); store 1 + success in slot 0.
    h.deploy(
        CONTRACT,
        new Asm()
            .push(0)
            .push(0)
            .push(0)
            .push(0)
            .push(OTHER)
            .push(50_000)
            .op(STATICCALL)
            .push(1)
            .op(ADD)
            .storeTop(0)
            .op(STOP)
            .bytes());
    TransactionResult r = h.call(CONTRACT, new byte[0], GAS);
    assertTrue(r.isSuccess());
    assertEquals(Word256.of(1), h.storage(CONTRACT, 0), "the static call failed");
    assertEquals(Word256.ZERO, h.storage(OTHER, 0));
  }

  @Test
  void revertUndoesStateAndKeepsGas() {
    EvmHarness h = new EvmHarness(EvmFork.CANCUN);
    // OTHER stores 1 then reverts with no data.
    h.deploy(OTHER, new Asm().push(1).storeTop(0).push(0).push(0).op(REVERT).bytes());
    // CONTRACT: CALL OTHER; store 1 + success; store RETURNDATASIZE + 5 in slot 1.
    h.deploy(
        CONTRACT,
        new Asm()
            .call(60_000, OTHER, 0)
            .push(1)
            .op(ADD)
            .storeTop(0)
            .op(RETURNDATASIZE)
            .push(5)
            .op(ADD)
            .storeTop(1)
            .op(STOP)
            .bytes());
    TransactionResult r = h.call(CONTRACT, new byte[0], 200_000);
    assertTrue(r.isSuccess());
    assertEquals(Word256.of(1), h.storage(CONTRACT, 0));
    assertEquals(Word256.of(5), h.storage(CONTRACT, 1));
    assertEquals(Word256.ZERO, h.storage(OTHER, 0));
    assertTrue(r.gasUsed() < 200_000 - 20_000, "the reverted callee returned its gas");
  }

  @Test
  void createRejectsOversizedAndEfCode() {
    // Init code returning 24577 zero bytes exceeds EIP-170's limit.
    TransactionResult big =
        new EvmHarness(EvmFork.CANCUN)
            .create(new Asm().push(24_577).push(0).op(RETURN).bytes(), 10_000_000);
    assertEquals(Optional.of(HaltReason.CODE_SIZE_LIMIT), big.haltReason());
    // Init code returning a code that starts with 0xEF (EIP-3541, London).
    Asm ef = new Asm().push(0xEF).push(0).op(MSTORE8).push(1).push(0).op(RETURN);
    EvmHarness h = new EvmHarness(EvmFork.CANCUN);
    assertEquals(
        Optional.of(HaltReason.INVALID_CODE_PREFIX), h.create(ef.bytes(), 200_000).haltReason());
    h = new EvmHarness(EvmFork.BERLIN);
    TransactionResult ok = h.create(ef.bytes(), 200_000);
    assertTrue(ok.isSuccess(), "0xEF code is fine before London");
    Address created = ok.createdAddress().orElseThrow();
    assertEquals(ContractAddress.create(EvmHarness.SENDER, 0), created);
    assertEquals(1, h.world.code(h.world.account(created).orElseThrow().codeHash()).length);
  }
}
