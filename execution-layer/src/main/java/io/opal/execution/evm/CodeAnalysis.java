package io.opal.execution.evm;

import java.util.Arrays;

/**
 * Code prepared for the interpreter once: padded with zero bytes (STOP) so that a PUSH at the end
 * and the instruction after the last one read inside the array without bounds checks, and a bitmap
 * of the valid JUMPDEST positions (a 0x5b inside PUSH data is not one). The interpreter runs its
 * per-fork translation, {@link Program}, kept here once made.
 */
public final class CodeAnalysis {
  /** 32 bytes of PUSH data past the end, then a STOP. */
  static final int PADDING = 33;

  static final CodeAnalysis EMPTY = analyse(new byte[0]);

  final byte[] padded;
  final int length;
  private final long[] jumpDests;

  /**
   * The code translated for the last fork that ran it (one fork at a time in practice). Racy but
   * safe: a {@link Program} is immutable, so a thread sees either null or a complete one.
   */
  private Program program;

  private CodeAnalysis(byte[] padded, int length, long[] jumpDests) {
    this.padded = padded;
    this.length = length;
    this.jumpDests = jumpDests;
  }

  public static CodeAnalysis analyse(byte[] code) {
    int n = code.length;
    byte[] padded = Arrays.copyOf(code, n + PADDING);
    long[] dests = new long[(n + 63) >>> 6];
    int pc = 0;
    while (pc < n) {
      int op = code[pc] & 0xFF;
      if (op == Opcodes.JUMPDEST) {
        dests[pc >>> 6] |= 1L << (pc & 63);
        pc++;
      } else if (op >= Opcodes.PUSH1 && op <= Opcodes.PUSH32) {
        pc += op - Opcodes.PUSH1 + 2;
      } else {
        pc++;
      }
    }
    return new CodeAnalysis(padded, n, dests);
  }

  /** The code as given (without padding). */
  public byte[] code() {
    return Arrays.copyOf(padded, length);
  }

  public int length() {
    return length;
  }

  /** The translation of this code for {@code spec}'s fork. */
  Program program(EvmSpec spec) {
    Program p = program;
    if (p == null || p.spec != spec) {
      p = Program.compile(this, spec);
      program = p;
    }
    return p;
  }

  boolean isJumpDest(long dest) {
    if (dest < 0 || dest >= length) {
      return false;
    }
    int d = (int) dest;
    return (jumpDests[d >>> 6] & (1L << (d & 63))) != 0;
  }
}
