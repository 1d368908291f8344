package io.opal.execution.evm;

import static io.opal.execution.evm.Opcodes.*;

/**
 * The instructions the interpreter's loop hands off through one call: everything but the cheapest
 * stack, arithmetic, comparison, memory-word and control-flow instructions. Keeping them out of
 * {@link Interpreter}'s loop keeps that method small, which matters more than the call: the JIT
 * compiles a small loop sooner and keeps its stack pointer, instruction index and gas in registers
 * instead of spilling them around every dispatch.
 *
 * <p>Each instruction here changes the stack height by the fixed {@link #LIMB_DELTA} of its opcode,
 * which the loop applies; the static gas has been charged with its block.
 */
final class OutOfLine {
  private static final long OOG = HaltReason.OUT_OF_GAS.encode();
  private static final long STATIC = HaltReason.STATIC_STATE_CHANGE.encode();
  private static final long INVALID = HaltReason.INVALID_OPCODE.encode();

  /** Limbs pushed minus limbs popped (4 per item), by opcode (0 for the translation's own). */
  static final int[] LIMB_DELTA = new int[Program.OP_MASK + 1];

  static {
    for (int op = 0; op < 256; op++) {
      LIMB_DELTA[op] = 4 * (Math.max(0, Opcodes.PUSHES[op]) - Math.max(0, Opcodes.POPS[op]));
    }
  }

  private final EvmSpec spec;
  private final Instructions ins;
  private final U256.Scratch x;

  OutOfLine(EvmSpec spec, Instructions ins, U256.Scratch scratch) {
    this.spec = spec;
    this.ins = ins;
    this.x = scratch;
  }

  /**
   * Executes {@code op} on the stack of {@code f} whose height is {@code t} limbs (four per item);
   * returns the gas left or a negative {@link HaltReason#encode() encoded halt}.
   */
  long execute(int op, Frame f, long[] s, int t, long gas) {
    final int top = t - 4;
    switch (op) {
      case MUL -> U256.mul(s, top, top - 4);
      case DIV -> U256.div(s, top, top - 4, x);
      case SDIV -> U256.sdiv(s, top, top - 4, x);
      case MOD -> U256.mod(s, top, top - 4, x);
      case SMOD -> U256.smod(s, top, top - 4, x);
      case ADDMOD -> U256.addMod(s, top, top - 4, top - 8, x);
      case MULMOD -> U256.mulMod(s, top, top - 4, top - 8, x);
      case EXP -> {
        gas -= (long) spec.expByteGas * U256.byteLength(s, top - 4);
        if (gas < 0) {
          return OOG;
        }
        U256.exp(s, top, top - 4, x);
      }
      case SIGNEXTEND -> U256.signExtend(s, top, top - 4);
      case SLT -> U256.setSmall(s, top - 4, U256.compareSigned(s, top, top - 4) < 0 ? 1 : 0);
      case SGT -> U256.setSmall(s, top - 4, U256.compareSigned(s, top, top - 4) > 0 ? 1 : 0);
      case BYTE -> U256.byteOp(s, top, top - 4);
      case SAR -> U256.sar(s, top, top - 4);
      case KECCAK256 -> gas = ins.keccak(f, s, top, gas);
      case ADDRESS,
          ORIGIN,
          CALLER,
          CALLVALUE,
          CALLDATASIZE,
          CODESIZE,
          GASPRICE,
          COINBASE,
          TIMESTAMP,
          NUMBER,
          PREVRANDAO,
          GASLIMIT,
          CHAINID,
          SELFBALANCE,
          BASEFEE,
          BLOBBASEFEE,
          RETURNDATASIZE,
          MSIZE ->
          ins.environment(op, f, s, t);
      case BALANCE, EXTCODESIZE, EXTCODEHASH -> gas = ins.accountQuery(op, s, top, gas);
      case CALLDATALOAD -> {
        long off = U256.toLongOrMinusOne(s, top);
        Words.loadPadded(s, top, f.input, off < 0 ? Long.MAX_VALUE : off, f.input.length);
      }
      case CALLDATACOPY, CODECOPY, RETURNDATACOPY, MCOPY -> gas = ins.copy(op, f, s, top, gas);
      case EXTCODECOPY -> gas = ins.extCodeCopy(f, s, top, gas);
      case BLOCKHASH -> ins.blockHash(s, top);
      case BLOBHASH -> ins.blobHash(s, top);
      case MLOAD, MSTORE, MSTORE8 -> gas = ins.memoryAccess(op, f, s, top, gas);
      case SLOAD -> gas = ins.sload(f, s, top, gas);
      case SSTORE -> gas = ins.sstore(f, s, top, gas);
      case TLOAD -> ins.tload(f, s, top);
      case TSTORE -> {
        if (f.isStatic) {
          return STATIC;
        }
        ins.tstore(f, s, top);
      }
      case LOG0, LOG0 + 1, LOG0 + 2, LOG0 + 3, LOG4 -> gas = ins.log(op - LOG0, f, s, top, gas);
      default -> {
        return INVALID; // INVALID (0xFE) and opcodes the fork does not define
      }
    }
    return gas;
  }
}
