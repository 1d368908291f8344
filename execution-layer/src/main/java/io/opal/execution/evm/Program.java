package io.opal.execution.evm;

import static io.opal.execution.evm.Opcodes.*;

import java.util.Arrays;

/**
 * Code translated for one fork into the form the interpreter's loop runs: one {@code long} per
 * instruction (the opcode in the low {@link #OP_BITS} bits, an argument above), with the static gas
 * and the stack bounds of each straight-line block checked once, at the block's start, by a {@link
 * #BEGIN} entry (evmone's "advanced" analysis). The loop itself then does per instruction only a
 * load and a switch.
 *
 * <p>Checking a block up front instead of instruction by instruction is exact because a block runs
 * either to its end or into an exceptional halt, and an exceptional halt consumes all gas and
 * reverts every change of the frame whichever instruction causes it. So blocks end:
 *
 * <ul>
 *   <li>at a JUMPDEST (a block starts there: jumps land on a {@link #BEGIN}) and after JUMP and
 *       JUMPI;
 *   <li>after the instructions that read the exact gas left: GAS, SSTORE (EIP-2200's 2300 stipend
 *       check) and the CALL and CREATE families (the 63/64 rule), so nothing after them in the
 *       block has been charged yet;
 *   <li>after the CALL and CREATE families also because a child frame's effects on the RIPEMD-160
 *       account can survive a revert, so a halt after a call must not be taken before it;
 *   <li>after STOP, RETURN, REVERT, SELFDESTRUCT and undefined opcodes, which end the frame.
 * </ul>
 *
 * <p>PUSH1 to PUSH6 carry their value in the argument; wider pushes point into {@link #imm} (four
 * limbs per value, least significant first). PC carries its program counter. DUPn and SWAPn become
 * DUP1 and SWAP1 with the distance 4n in stack limbs as argument, so the loop has one case for each
 * family.
 */
final class Program {
  static final int OP_BITS = 9;
  static final int OP_MASK = (1 << OP_BITS) - 1;

  /** Block start: argument = static gas (31 bits) | min stack (12 bits) | stack span (12 bits). */
  static final int BEGIN = 0x100;

  /** PUSH0 to PUSH6: the value is the argument. */
  static final int PUSH_SMALL = 0x101;

  /** PUSH7 to PUSH32: the argument is the index of the value's four limbs in {@link #imm}. */
  static final int PUSH_WIDE = 0x102;

  /** An opcode the fork does not define. */
  static final int UNDEFINED = 0x103;

  /**
   * PUSHn d; JUMP to a valid JUMPDEST d: the argument is the index of d's block in {@link #ops}.
   */
  static final int JUMP_STATIC = 0x104;

  /** PUSHn d; JUMPI to a valid JUMPDEST d: as {@link #JUMP_STATIC}, taken if the top is not 0. */
  static final int JUMPI_STATIC = 0x105;

  /** ISZERO; PUSHn d; JUMPI to a valid JUMPDEST d: as {@link #JUMPI_STATIC}, taken if it is 0. */
  static final int JUMPI_STATIC_ZERO = 0x106;

  /** PUSH0 to PUSH6 v; ADD: the top word plus v (the argument). */
  static final int ADD_IMMEDIATE = 0x107;

  /** DUPn; ADD: the top word plus the n-th; the argument is 4(n - 1), its distance in limbs. */
  static final int ADD_DUP = 0x108;

  /** SWAPn; POP: the top word moved n words down, then popped; the argument is 4n. */
  static final int SWAP_POP = 0x109;

  /** POP; POP. */
  static final int POP2 = 0x10a;

  private static final long MAX_BLOCK_GAS = Integer.MAX_VALUE;
  private static final int STACK_FIELD = 0xFFF;
  private static final int SMALL_PUSH_BYTES = 6;

  final EvmSpec spec;
  final long[] ops;
  final long[] imm;

  /** Program counter → index in {@link #ops} of the block a valid JUMPDEST starts, else -1. */
  private final int[] jumpTargets;

  private Program(EvmSpec spec, long[] ops, long[] imm, int[] jumpTargets) {
    this.spec = spec;
    this.ops = ops;
    this.imm = imm;
    this.jumpTargets = jumpTargets;
  }

  /** Where a jump to {@code dest} continues in {@link #ops}, or -1 if it is not a JUMPDEST. */
  int jumpTarget(long dest) {
    return dest >= 0 && dest < jumpTargets.length ? jumpTargets[(int) dest] : -1;
  }

  static Program compile(CodeAnalysis code, EvmSpec spec) {
    return new Builder(code, spec).build();
  }

  /** Whether execution can go on after {@code op} (then the block still ends after it). */
  private static boolean endsBlock(int op) {
    return switch (op) {
      case JUMP, JUMPI, GAS, SSTORE, CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 ->
          true;
      default -> false;
    };
  }

  private static boolean endsFrame(int op) {
    return switch (op) {
      case STOP, RETURN, REVERT, SELFDESTRUCT, INVALID -> true;
      default -> false;
    };
  }

  /** One pass over the code; blocks are closed by patching their BEGIN entry. */
  private static final class Builder {
    private final EvmSpec spec;
    private final CodeAnalysis analysis;
    private final byte[] code;
    private final int length;
    private long[] ops;
    private int count;
    private long[] imm = new long[16];
    private int immCount;
    private final int[] jumpTargets;

    // The open block: its BEGIN entry, gas so far, stack bounds relative to its start height.
    private int begin = -1;
    private long gas;
    private int height;
    private int min;
    private int max;

    Builder(CodeAnalysis analysis, EvmSpec spec) {
      this.spec = spec;
      this.analysis = analysis;
      this.code = analysis.padded;
      this.length = analysis.length;
      this.ops = new long[Math.max(8, length + (length >>> 2) + 4)];
      this.jumpTargets = new int[length];
      Arrays.fill(jumpTargets, -1);
    }

    Program build() {
      int pc = 0;
      while (pc < length) {
        int op = code[pc] & 0xFF;
        if (op == JUMPDEST && spec.isDefined(op)) {
          closeBlock();
          jumpTargets[pc] = count;
        }
        boolean defined = spec.isDefined(op);
        int width = defined && op >= PUSH1 && op <= PUSH32 ? op - PUSH1 + 1 : 0;
        if (begin < 0 || !fits(defined ? op : -1)) {
          closeBlock();
          openBlock();
        }
        if (!defined) {
          emit(UNDEFINED, 0);
          closeBlock();
          pc++;
          continue;
        }
        int fused = op == ISZERO ? fuseZeroJump(pc) : fusePair(pc, op, width);
        if (fused > 0) {
          pc += fused;
          continue;
        }
        account(op);
        if (op == JUMPDEST) {
          // The BEGIN entry does all a JUMPDEST does (its gas is in the block).
        } else if ((op == PUSH0 || width > 0) && fuseStaticJump(pc, width)) {
          pc += 2 + width;
          continue;
        } else if (op == PUSH0 || width > 0) {
          emitPush(pc + 1, width);
        } else if (op == PC) {
          emit(PC, pc);
        } else if (op >= DUP1 && op <= DUP16) {
          emit(DUP1, 4L * (op - DUP1 + 1));
        } else if (op >= SWAP1 && op <= SWAP16) {
          emit(SWAP1, 4L * (op - SWAP1 + 1));
        } else {
          emit(op, 0);
        }
        if (endsBlock(op) || endsFrame(op)) {
          closeBlock();
        }
        pc += 1 + width;
      }
      // The implicit STOP after the last instruction.
      if (begin < 0) {
        openBlock();
      }
      emit(STOP, 0);
      closeBlock();
      for (int i = 0; i < count; i++) {
        int op = (int) ops[i] & OP_MASK;
        if (op == JUMP_STATIC || op == JUMPI_STATIC || op == JUMPI_STATIC_ZERO) {
          int dest = (int) (ops[i] >>> OP_BITS);
          ops[i] = op | ((long) jumpTargets[dest] << OP_BITS);
        }
      }
      return new Program(
          spec, Arrays.copyOf(ops, count), Arrays.copyOf(imm, immCount), jumpTargets);
    }

    /**
     * Emits the PUSH at {@code pc} (already accounted) and the JUMP or JUMPI after it as one static
     * jump when its destination is a valid JUMPDEST and the jump fits the block; the destination's
     * index is patched in once the whole code is translated.
     */
    private boolean fuseStaticJump(int pc, int width) {
      int next = pc + 1 + width;
      if (width > 4 || next >= length) {
        return false;
      }
      int jump = code[next] & 0xFF;
      if ((jump != JUMP && jump != JUMPI) || !spec.isDefined(jump)) {
        return false;
      }
      long dest = Words.readLong(code, pc + 1, width);
      if (!analysis.isJumpDest(dest) || !fits(jump)) {
        return false;
      }
      account(jump);
      emit(jump == JUMP ? JUMP_STATIC : JUMPI_STATIC, dest);
      closeBlock();
      return true;
    }

    /**
     * Emits ISZERO at {@code pc} with a PUSH of a valid JUMPDEST and a JUMPI after it as one jump
     * taken on zero, when all three fit the block; returns the bytes consumed, or 0.
     */
    private int fuseZeroJump(int pc) {
      int push = pc + 1 < length ? code[pc + 1] & 0xFF : -1;
      if (push != PUSH0 && (push < PUSH1 || push > PUSH1 + 3) || !spec.isDefined(push)) {
        return 0;
      }
      int width = push == PUSH0 ? 0 : push - PUSH1 + 1;
      int jumpi = pc + 2 + width;
      if (jumpi >= length || (code[jumpi] & 0xFF) != JUMPI || !spec.isDefined(JUMPI)) {
        return 0;
      }
      long dest = Words.readLong(code, pc + 2, width);
      if (!analysis.isJumpDest(dest) || !tryAccount(ISZERO, push, JUMPI)) {
        return 0;
      }
      emit(JUMPI_STATIC_ZERO, dest);
      closeBlock();
      return jumpi + 1 - pc;
    }

    /**
     * Emits {@code op} at {@code pc} and the instruction after it as one entry when they are one of
     * the pairs Solidity's code is full of (PUSH+ADD, DUP+ADD, SWAP+POP, POP+POP) and both fit the
     * block; returns the bytes consumed, or 0.
     */
    private int fusePair(int pc, int op, int width) {
      int at = pc + 1 + width;
      int next = at < length ? code[at] & 0xFF : -1;
      if (next < 0 || !spec.isDefined(next)) {
        return 0;
      }
      int fused;
      long arg;
      if ((op == PUSH0 || width > 0 && width <= SMALL_PUSH_BYTES) && next == ADD) {
        fused = ADD_IMMEDIATE;
        arg = Words.readLong(code, pc + 1, width);
      } else if (op >= DUP1 && op <= DUP16 && next == ADD) {
        fused = ADD_DUP;
        arg = 4L * (op - DUP1);
      } else if (op >= SWAP1 && op <= SWAP16 && next == POP) {
        fused = SWAP_POP;
        arg = 4L * (op - SWAP1 + 1);
      } else if (op == POP && next == POP) {
        fused = POP2;
        arg = 0;
      } else {
        return 0;
      }
      if (!tryAccount(op, next)) {
        return 0;
      }
      emit(fused, arg);
      return at + 1 - pc;
    }

    /** Accounts all of {@code ops} to the open block if they all fit it, else none. */
    private boolean tryAccount(int... ops) {
      long g = gas;
      int h = height;
      int lo = min;
      int hi = max;
      for (int op : ops) {
        if (!fits(op)) {
          gas = g;
          height = h;
          min = lo;
          max = hi;
          return false;
        }
        account(op);
      }
      return true;
    }

    /** Whether {@code op} (or -1 for an undefined one) can join the open block. */
    private boolean fits(int op) {
      if (op < 0) {
        return true;
      }
      if (gas + spec.staticGas[op] > MAX_BLOCK_GAS) {
        return false;
      }
      return Math.max(min, spec.minStack[op] - height) <= Math.min(max, spec.maxStack[op] - height);
    }

    private void account(int op) {
      gas += spec.staticGas[op];
      min = Math.max(min, spec.minStack[op] - height);
      max = Math.min(max, spec.maxStack[op] - height);
      height += Opcodes.PUSHES[op] - Opcodes.POPS[op];
    }

    private void openBlock() {
      begin = count;
      emit(BEGIN, 0);
      gas = 0;
      height = 0;
      min = 0;
      max = Frame.STACK_LIMIT;
    }

    private void closeBlock() {
      if (begin < 0) {
        return;
      }
      long arg = gas | ((long) min << 31) | ((long) (max - min) << 43);
      ops[begin] = BEGIN | (arg << OP_BITS);
      begin = -1;
    }

    private void emitPush(int start, int width) {
      if (width <= SMALL_PUSH_BYTES) {
        emit(PUSH_SMALL, Words.readLong(code, start, width));
        return;
      }
      if (immCount + 4 > imm.length) {
        imm = Arrays.copyOf(imm, imm.length * 2);
      }
      Words.pushBytes(imm, immCount, code, start, width);
      emit(PUSH_WIDE, immCount);
      immCount += 4;
    }

    private void emit(int op, long arg) {
      if (count == ops.length) {
        ops = Arrays.copyOf(ops, ops.length * 2);
      }
      ops[count++] = op | (arg << OP_BITS);
    }
  }

  static {
    // min and span must fit their 12-bit fields.
    if (Frame.STACK_LIMIT > STACK_FIELD) {
      throw new AssertionError("stack limit exceeds the BEGIN fields");
    }
  }
}
