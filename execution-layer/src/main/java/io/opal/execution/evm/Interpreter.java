package io.opal.execution.evm;

import static io.opal.execution.evm.Opcodes.*;

import io.opal.execution.state.JournaledState;
import io.opal.primitives.Address;
import java.util.Optional;

/**
 * The EVM interpreter for one transaction: runs a {@link Message} to completion over a {@link
 * JournaledState}.
 *
 * <p>Execution is not recursive: a CALL or CREATE prepares the child frame (frames are pooled by
 * depth) and returns to {@link #drive}, which continues with the child and, when it finishes, hands
 * its result to the waiting parent. So 1024 nested calls use no Java stack, and no {@code
 * StackOverflowError} can occur.
 *
 * <p>{@link #run} is the hot loop over the code's {@link Program} (its translation for the fork):
 * one switch per instruction with the stack pointer, the instruction index and gas in locals; the
 * static gas and stack bounds of a whole block are checked by its {@link Program#BEGIN} entry, so
 * ordinary instructions check nothing. Anything longer than a few lines lives in {@link
 * Instructions} or {@link Calls} so the loop stays small enough for the JIT. Benchmark (JMH {@code
 * EvmBenchmark}, {@code bench/evm/run.mjs}) before restructuring it.
 */
public final class Interpreter {
  static final int ST_SUCCESS = 0;
  static final int ST_REVERT = 1;
  static final int ST_HALT = 2;

  /** Results of the call/create helpers. */
  static final int CONTINUE = 0;

  static final int CHILD = 1;
  static final int HALT = 2;

  static final int MAX_DEPTH = 1024;

  final EvmSpec spec;
  final JournaledState state;
  final BlockEnv block;
  final TxContext tx;
  final PrecompileSet precompiles;
  final CodeCache codeCache;
  final U256.Scratch scratch = new U256.Scratch();
  private final FramePool frames;
  private final Instructions ins;
  private final Calls calls;
  private final OutOfLine outOfLine;

  public Interpreter(
      EvmSpec spec,
      JournaledState state,
      BlockEnv block,
      TxContext tx,
      PrecompileSet precompiles,
      CodeCache codeCache,
      FramePool frames) {
    this.spec = spec;
    this.state = state;
    this.block = block;
    this.tx = tx;
    this.precompiles = precompiles;
    this.codeCache = codeCache;
    this.frames = frames;
    this.ins = new Instructions(this);
    this.calls = new Calls(this);
    this.outOfLine = new OutOfLine(spec, ins, scratch);
  }

  Frame frame(int depth) {
    return frames.get(depth);
  }

  /** Runs a top-level message; never throws for anything the executed code does. */
  public MessageResult execute(Message m) {
    Frame root = frame(0);
    boolean started =
        m.kind() == Message.Kind.CREATE
            ? calls.beginCreate(root, CREATE, m.caller(), m.value(), m.input(), m.gas(), m.to())
            : calls.beginCall(
                root,
                m.isStatic() ? STATICCALL : CALL,
                m.caller(),
                m.to(),
                m.to(),
                m.value(),
                m.input(),
                m.gas(),
                m.isStatic());
    if (started) {
      drive(root);
    }
    Calls.Result r = calls.result;
    MessageResult.Status status =
        switch (r.status) {
          case ST_SUCCESS -> MessageResult.Status.SUCCESS;
          case ST_REVERT -> MessageResult.Status.REVERT;
          default -> MessageResult.Status.HALT;
        };
    Optional<Address> created =
        m.kind() == Message.Kind.CREATE && r.status == ST_SUCCESS
            ? Optional.of(m.to())
            : Optional.empty();
    return new MessageResult(status, r.gas, r.output, created, Optional.ofNullable(r.halt));
  }

  private void drive(Frame root) {
    Frame f = root;
    while (true) {
      if (run(f) == CHILD) {
        f = frames.get(f.depth + 1);
        continue;
      }
      calls.finish(f);
      if (f == root) {
        return;
      }
      Frame parent = frames.get(f.depth - 1);
      calls.complete(parent, f.kind, f.retOffset, f.retSize);
      f = parent;
    }
  }

  /** Runs {@code f} until it finishes (returns 0) or starts a child frame (returns CHILD). */
  private int run(Frame f) {
    final Program program = f.code.program(spec);
    final long[] ops = program.ops;
    final long[] s = f.stack;
    int pc = f.pc;
    int t = f.sp << 2; // the stack height in limbs: the next free limb
    long gas = f.gas;
    HaltReason halt;
    loop:
    while (true) {
      final long e = ops[pc++];
      final int op = (int) e & Program.OP_MASK;
      t &= 0x1FFF; // always true (the stack has at most 4096 limbs); tells the JIT t + k cannot
      // overflow
      final int top = t - 4;
      switch (op) {
        case Program.BEGIN -> {
          // The block's stack bounds and static gas, checked once (see Program).
          long a = e >>> Program.OP_BITS;
          int min = (int) (a >>> 31) & 0xFFF;
          int sp = t >> 2;
          if (Integer.compareUnsigned(sp - min, (int) (a >>> 43)) > 0) {
            halt = sp < min ? HaltReason.STACK_UNDERFLOW : HaltReason.STACK_OVERFLOW;
            break loop;
          }
          gas -= a & 0x7FFF_FFFFL;
          if (gas < 0) {
            halt = HaltReason.OUT_OF_GAS;
            break loop;
          }
        }
        case Program.PUSH_SMALL -> {
          U256.setSmall(s, t, e >>> Program.OP_BITS);
          t += 4;
        }
        case Program.PUSH_WIDE -> {
          int i = (int) (e >>> Program.OP_BITS);
          long[] imm = program.imm;
          U256.set(s, t, imm[i], imm[i + 1], imm[i + 2], imm[i + 3]);
          t += 4;
        }
        case STOP -> {
          f.gas = gas;
          f.status = ST_SUCCESS;
          f.output = Words.EMPTY;
          return 0;
        }
        case ADD -> {
          U256.add(s, top, top - 4);
          t -= 4;
        }
        case SUB -> {
          U256.sub(s, top, top - 4);
          t -= 4;
        }
        case LT -> {
          U256.setSmall(s, top - 4, U256.compareUnsigned(s, top, top - 4) < 0 ? 1 : 0);
          t -= 4;
        }
        case GT -> {
          U256.setSmall(s, top - 4, U256.compareUnsigned(s, top, top - 4) > 0 ? 1 : 0);
          t -= 4;
        }
        case EQ -> {
          U256.setSmall(s, top - 4, U256.equal(s, top, top - 4) ? 1 : 0);
          t -= 4;
        }
        case ISZERO -> U256.setSmall(s, top, U256.isZero(s, top) ? 1 : 0);
        case AND -> {
          s[top - 4] &= s[top];
          s[top - 3] &= s[top + 1];
          s[top - 2] &= s[top + 2];
          s[top - 1] &= s[top + 3];
          t -= 4;
        }
        case OR -> {
          s[top - 4] |= s[top];
          s[top - 3] |= s[top + 1];
          s[top - 2] |= s[top + 2];
          s[top - 1] |= s[top + 3];
          t -= 4;
        }
        case XOR -> {
          s[top - 4] ^= s[top];
          s[top - 3] ^= s[top + 1];
          s[top - 2] ^= s[top + 2];
          s[top - 1] ^= s[top + 3];
          t -= 4;
        }
        case NOT -> {
          s[top] = ~s[top];
          s[top + 1] = ~s[top + 1];
          s[top + 2] = ~s[top + 2];
          s[top + 3] = ~s[top + 3];
        }
        case SHL -> {
          U256.shl(s, top, top - 4);
          t -= 4;
        }
        case SHR -> {
          U256.shr(s, top, top - 4);
          t -= 4;
        }
        case POP -> t -= 4;
        case MLOAD -> {
          // Fast path: a word inside the current memory needs no expansion.
          long off = U256.toLongOrMinusOne(s, top);
          Memory m = f.memory;
          if (off >= 0 && off <= m.size - 32) {
            Words.load(s, top, m.data, (int) off);
          } else {
            gas = outOfLine.execute(op, f, s, t, gas);
            if (gas < 0) {
              halt = HaltReason.decode(gas);
              break loop;
            }
          }
        }
        case MSTORE -> {
          long off = U256.toLongOrMinusOne(s, top);
          Memory m = f.memory;
          if (off >= 0 && off <= m.size - 32) {
            Words.store(s, top - 4, m.data, (int) off);
          } else {
            gas = outOfLine.execute(op, f, s, t, gas);
            if (gas < 0) {
              halt = HaltReason.decode(gas);
              break loop;
            }
          }
          t -= 8;
        }
        case JUMP -> {
          int target = program.jumpTarget(U256.toLongOrMinusOne(s, top));
          if (target < 0) {
            halt = HaltReason.INVALID_JUMP;
            break loop;
          }
          pc = target;
          t -= 4;
        }
        case JUMPI -> {
          if (!U256.isZero(s, top - 4)) {
            int target = program.jumpTarget(U256.toLongOrMinusOne(s, top));
            if (target < 0) {
              halt = HaltReason.INVALID_JUMP;
              break loop;
            }
            pc = target;
          }
          t -= 8;
        }
        case Program.JUMP_STATIC -> pc = (int) (e >>> Program.OP_BITS);
        case Program.JUMPI_STATIC -> {
          if (!U256.isZero(s, top)) {
            pc = (int) (e >>> Program.OP_BITS);
          }
          t -= 4;
        }
        case Program.JUMPI_STATIC_ZERO -> {
          if (U256.isZero(s, top)) {
            pc = (int) (e >>> Program.OP_BITS);
          }
          t -= 4;
        }
        case Program.ADD_IMMEDIATE -> U256.addSmall(s, top, e >>> Program.OP_BITS);
        case Program.ADD_DUP -> U256.add(s, top - (int) (e >>> Program.OP_BITS), top);
        case Program.SWAP_POP -> {
          int to = top - (int) (e >>> Program.OP_BITS);
          s[to] = s[top];
          s[to + 1] = s[top + 1];
          s[to + 2] = s[top + 2];
          s[to + 3] = s[top + 3];
          t -= 4;
        }
        case Program.POP2 -> t -= 8;
        case PC -> {
          U256.setSmall(s, t, e >>> Program.OP_BITS);
          t += 4;
        }
        case GAS -> {
          U256.setSmall(s, t, gas);
          t += 4;
        }
        case DUP1 -> {
          // The translation gives every DUPn as DUP1 with 4n (the distance in limbs) as argument.
          int to = t;
          int from = to - (int) (e >>> Program.OP_BITS);
          s[to] = s[from];
          s[to + 1] = s[from + 1];
          s[to + 2] = s[from + 2];
          s[to + 3] = s[from + 3];
          t += 4;
        }
        case SWAP1 -> swap(s, top, top - (int) (e >>> Program.OP_BITS)); // SWAPn as SWAP1, 4n
        case CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 -> {
          f.pc = pc;
          f.sp = t >> 2;
          f.gas = gas;
          int r = (op == CREATE || op == CREATE2) ? calls.create(f, op) : calls.call(f, op);
          if (r == CHILD) {
            return CHILD;
          }
          if (r == HALT) {
            halt = f.halt;
            break loop;
          }
          t = f.sp << 2;
          gas = f.gas;
        }
        case RETURN, REVERT -> {
          gas = ins.returnData(f, s, top, gas);
          if (gas < 0) {
            halt = HaltReason.decode(gas);
            break loop;
          }
          f.gas = gas;
          f.status = op == RETURN ? ST_SUCCESS : ST_REVERT;
          return 0;
        }
        case SELFDESTRUCT -> {
          gas = ins.selfDestruct(f, s, top, gas);
          if (gas < 0) {
            halt = HaltReason.decode(gas);
            break loop;
          }
          f.gas = gas;
          f.status = ST_SUCCESS;
          f.output = Words.EMPTY;
          return 0;
        }
        default -> {
          gas = outOfLine.execute(op, f, s, t, gas);
          if (gas < 0) {
            halt = HaltReason.decode(gas);
            break loop;
          }
          t += OutOfLine.LIMB_DELTA[op];
        }
      }
    }
    f.gas = 0;
    f.status = ST_HALT;
    f.halt = halt;
    f.output = Words.EMPTY;
    return 0;
  }

  private static void swap(long[] s, int a, int b) {
    long t0 = s[a], t1 = s[a + 1], t2 = s[a + 2], t3 = s[a + 3];
    s[a] = s[b];
    s[a + 1] = s[b + 1];
    s[a + 2] = s[b + 2];
    s[a + 3] = s[b + 3];
    s[b] = t0;
    s[b + 1] = t1;
    s[b + 2] = t2;
    s[b + 3] = t3;
  }
}
