package io.opal.execution.evm;

import static io.opal.execution.evm.EvmHarness.CONTRACT;
import static io.opal.execution.evm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.Word256;
import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The per-fork translation the interpreter runs: blocks checked once for gas and stack must behave
 * exactly as instruction-by-instruction checking would, wherever a block ends or is split.
 */
class ProgramTest {
  private static final long GAS_LIMIT = 200_000;
  private static final long TX = 21_000;

  private static TransactionResult run(Asm code) {
    return new EvmHarness(EvmFork.PRAGUE)
        .deploy(CONTRACT, code.bytes())
        .call(CONTRACT, new byte[0], GAS_LIMIT);
  }

  private static Program compile(Asm code) {
    return Program.compile(CodeAnalysis.analyse(code.bytes()), EvmSpec.of(EvmFork.PRAGUE));
  }

  private static int op(Program p, int index) {
    return (int) p.ops[index] & Program.OP_MASK;
  }

  @Test
  void gasReadsTheExactGasLeftInsideABlock() {
    // PUSH1 PUSH1 ADD POP GAS in one block: GAS sees the gas after its own 2, not the block's
    // total.
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    Asm code = new Asm().push(1).push(2).op(ADD).op(POP).op(Opcodes.GAS).storeTop(0).op(STOP);
    h.deploy(CONTRACT, code.bytes());
    TransactionResult r = h.call(CONTRACT, new byte[0], GAS_LIMIT);
    assertTrue(r.isSuccess());
    long expected = GAS_LIMIT - TX - (3 + 3 + 3 + 2 + 2);
    assertEquals(Word256.of(expected), h.storage(CONTRACT, 0));
  }

  @Test
  void aBlockThatUnderflowsHaltsWithAllGasWhateverComesBefore() {
    // MSTORE runs before the failing ADD when checked instruction by instruction; the frame's
    // result (a halt consuming all gas, no state change) is the same either way.
    TransactionResult r = run(new Asm().push(1).push(0).op(MSTORE).op(ADD).op(STOP));
    assertFalse(r.isSuccess());
    assertEquals(Optional.of(HaltReason.STACK_UNDERFLOW), r.haltReason());
    assertEquals(GAS_LIMIT, r.gasUsed());
  }

  @Test
  void blocksThatCannotHoldTheirStackBoundsAreSplit() {
    // 1024 pushes need an empty stack at the start, 1025 pops need one item: the translation ends
    // the block before the last POP, which then underflows as it would on its own.
    Asm tooMany = new Asm();
    Asm justRight = new Asm();
    for (int i = 0; i < 1024; i++) {
      tooMany.op(PUSH0);
      justRight.op(PUSH0);
    }
    for (int i = 0; i < 1024; i++) {
      tooMany.op(POP);
      justRight.op(POP);
    }
    tooMany.op(POP).op(STOP);
    justRight.op(STOP);
    assertTrue(run(justRight).isSuccess());
    assertEquals(Optional.of(HaltReason.STACK_UNDERFLOW), run(tooMany).haltReason());
    Program p = compile(tooMany);
    int second = 1;
    while (op(p, second) != Program.BEGIN) {
      second++;
    }
    assertEquals(Program.BEGIN, op(p, 0));
    // The first block holds the 1024 PUSH0 and the 1024 POPs (fused in pairs), nothing else.
    assertEquals(1 + 1024 + 512, second, "a second block starts at the 1025th POP");
    assertEquals(POP, op(p, second + 1));
    assertEquals(STOP, op(p, second + 2));
  }

  @Test
  void staticJumpsAreResolvedOnlyToRealJumpDests() {
    // PUSH1 4 JUMP INVALID JUMPDEST STOP: fused into one static jump to the JUMPDEST's block.
    Program p = compile(new Asm().raw("600456fe5b00"));
    assertEquals(Program.JUMP_STATIC, op(p, 1));
    int target = (int) (p.ops[1] >>> Program.OP_BITS);
    assertEquals(Program.BEGIN, op(p, target));
    assertEquals(target, p.jumpTarget(4));
    // PUSH1 4 JUMP PUSH1 0x5b: the 0x5b is PUSH data, so the jump stays dynamic (and fails).
    Program q = compile(new Asm().raw("600456605b"));
    assertEquals(JUMP, op(q, 2));
    assertEquals(-1, q.jumpTarget(4));
    assertEquals(
        Optional.of(HaltReason.INVALID_JUMP), run(new Asm().raw("600456605b")).haltReason());
  }

  @Test
  void isZeroBeforeAStaticJumpiJumpsOnZero() {
    // PUSH1 x ISZERO PUSH1 12 JUMPI; SSTORE(0, 1) STOP; JUMPDEST SSTORE(0, 2) STOP
    for (int x : new int[] {0, 5}) {
      String hex = String.format("60%02x15600c57600160005500", x) + "5b600260005500";
      assertEquals(Program.JUMPI_STATIC_ZERO, op(compile(new Asm().raw(hex)), 2));
      EvmHarness h = new EvmHarness(EvmFork.PRAGUE).deploy(CONTRACT, new Asm().raw(hex).bytes());
      assertTrue(h.call(CONTRACT, new byte[0], GAS_LIMIT).isSuccess());
      assertEquals(Word256.of(x == 0 ? 2 : 1), h.storage(CONTRACT, 0), "x = " + x);
    }
  }

  @Test
  void fusedPairsComputeWhatThePairsDo() {
    // PUSH+ADD with a carry across limbs, DUP3+ADD, SWAP2+POP, POP+POP.
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    Asm code =
        new Asm()
            .push(BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE))
            .push(1)
            .op(ADD) // 2^192
            .storeTop(0)
            .push(7)
            .push(100)
            .push(5)
            .op(DUP1 + 2)
            .op(ADD) // 5 + 7 over 100 7
            .op(SWAP1 + 1)
            .op(POP) // 100 12, top first
            .storeTop(1) // stores 100, leaves 12
            .storeTop(2)
            .push(1)
            .push(2)
            .op(POP)
            .op(POP)
            .op(STOP);
    Program p = compile(code);
    java.util.Set<Integer> ops = new java.util.HashSet<>();
    for (long e : p.ops) {
      ops.add((int) e & Program.OP_MASK);
    }
    assertTrue(
        ops.containsAll(
            java.util.List.of(
                Program.ADD_IMMEDIATE, Program.ADD_DUP, Program.SWAP_POP, Program.POP2)),
        "all four pairs fused");
    h.deploy(CONTRACT, code.bytes());
    assertTrue(h.call(CONTRACT, new byte[0], GAS_LIMIT).isSuccess());
    assertEquals(
        Word256.fromUInt256(org.apache.tuweni.units.bigints.UInt256.ONE.shiftLeft(192)),
        h.storage(CONTRACT, 0));
    assertEquals(Word256.of(100), h.storage(CONTRACT, 1));
    assertEquals(Word256.of(12), h.storage(CONTRACT, 2));
  }

  @Test
  void pushValuesSurviveTranslation() {
    // A 32-byte push (wide), a 6-byte push (inline) and a push cut short by the end of the code.
    EvmHarness h = new EvmHarness(EvmFork.PRAGUE);
    Asm code =
        new Asm()
            .push(
                new BigInteger(
                    "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", 16))
            .storeTop(0)
            .push(0xA1A2A3A4A5A6L)
            .storeTop(1)
            .op(PC)
            .storeTop(2)
            .raw("61ab"); // PUSH2 with one byte left: 0xab00
    h.deploy(CONTRACT, code.bytes());
    assertTrue(h.call(CONTRACT, new byte[0], GAS_LIMIT).isSuccess());
    assertEquals(
        Word256.fromBytes(
            io.opal.primitives.Hex.decode(
                "0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")),
        h.storage(CONTRACT, 0));
    assertEquals(Word256.of(0xA1A2A3A4A5A6L), h.storage(CONTRACT, 1));
    // PUSH32 (33 bytes), PUSH1 0, SSTORE, PUSH6 (7 bytes), PUSH1 1, SSTORE: PC is at offset 46.
    assertEquals(Word256.of(46), h.storage(CONTRACT, 2));
    Program p = compile(new Asm().raw("61ab"));
    assertEquals(0xab00L, p.ops[1] >>> Program.OP_BITS);
  }
}
