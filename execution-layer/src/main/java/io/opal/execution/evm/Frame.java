package io.opal.execution.evm;

import io.opal.execution.state.Account;
import io.opal.primitives.Address;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * One call frame. Frames are pooled by depth and reused (their 1024-word stack and memory buffer
 * stay allocated), so entering a call allocates nothing large.
 */
final class Frame {
  static final int STACK_LIMIT = 1024;

  final int depth;
  final long[] stack = new long[4 * STACK_LIMIT];
  final Memory memory = new Memory();

  // The message this frame runs.
  int kind; // Opcodes.CALL/CALLCODE/DELEGATECALL/STATICCALL/CREATE/CREATE2
  Address caller;
  Address address;
  Account account;
  UInt256 value;
  long v0;
  long v1;
  long v2;
  long v3;
  byte[] input;
  boolean isStatic;
  CodeAnalysis code;

  // Execution state, saved when the frame waits for a child.
  int pc; // index into the code's Program.ops, not the EVM program counter
  int sp;
  long gas;
  byte[] returnData;
  int checkpoint;

  // Where the parent wants this frame's output (the CALL family's return area).
  long retOffset;
  long retSize;

  // The outcome once finished.
  int status;
  HaltReason halt;
  byte[] output;

  Frame(int depth) {
    this.depth = depth;
  }

  void setValue(UInt256 v) {
    value = v;
    byte[] b = v.toBytes().toArrayUnsafe();
    v3 = limb(b, 0);
    v2 = limb(b, 8);
    v1 = limb(b, 16);
    v0 = limb(b, 24);
  }

  private static long limb(byte[] b, int off) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r = (r << 8) | (b[off + i] & 0xFF);
    }
    return r;
  }

  /** Prepares the frame to run {@code code} from the start. */
  void start(CodeAnalysis code, long gas) {
    this.code = code;
    this.gas = gas;
    this.pc = 0;
    this.sp = 0;
    this.returnData = Words.EMPTY;
    this.memory.reset();
    this.output = Words.EMPTY;
    this.halt = null;
  }
}
