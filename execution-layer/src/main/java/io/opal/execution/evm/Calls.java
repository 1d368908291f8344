package io.opal.execution.evm;

import static io.opal.execution.evm.Interpreter.CHILD;
import static io.opal.execution.evm.Interpreter.CONTINUE;
import static io.opal.execution.evm.Interpreter.HALT;
import static io.opal.execution.evm.Interpreter.ST_HALT;
import static io.opal.execution.evm.Interpreter.ST_REVERT;
import static io.opal.execution.evm.Interpreter.ST_SUCCESS;
import static io.opal.execution.evm.Opcodes.*;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.execution.state.Account;
import io.opal.execution.state.JournaledState;
import io.opal.primitives.Address;
import io.opal.primitives.crypto.Keccak256;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Message calls and contract creation: the CALL and CREATE families' gas and checks, starting a
 * child frame (or completing at once for precompiles, code-less accounts and early failures),
 * finishing a frame (code deposit, revert on failure) and handing the outcome to the parent.
 */
final class Calls {
  /** The outcome of the last message that finished (read by the parent or the caller). */
  static final class Result {
    int status;
    long gas;
    byte[] output = Words.EMPTY;
    HaltReason halt;
    Address created;
  }

  final Result result = new Result();
  private final Interpreter evm;
  private final EvmSpec spec;
  private final JournaledState state;

  Calls(Interpreter evm) {
    this.evm = evm;
    this.spec = evm.spec;
    this.state = evm.state;
  }

  private int halt(Frame f, HaltReason reason) {
    f.halt = reason;
    return HALT;
  }

  private void setResult(int status, long gas, byte[] output, HaltReason halt) {
    result.status = status;
    result.gas = gas;
    result.output = output;
    result.halt = halt;
    result.created = null;
  }

  // ------------------------------------------------------------ CALL family

  /** CALL, CALLCODE, DELEGATECALL or STATICCALL with its arguments on {@code f}'s stack. */
  int call(Frame f, int op) {
    long[] s = f.stack;
    int top = (f.sp - 1) << 2;
    boolean hasValue = op == CALL || op == CALLCODE;
    int in = hasValue ? top - 12 : top - 8; // input offset; then input size, output offset, size
    boolean transfersValue = hasValue && !U256.isZero(s, top - 8);
    Address to = Words.toAddress(s, top - 4);
    long inEnd = Instructions.memoryEnd(s, in, in - 4);
    long outEnd = Instructions.memoryEnd(s, in - 8, in - 12);
    if (inEnd < 0 || outEnd < 0) {
      return halt(f, HaltReason.OUT_OF_GAS);
    }
    long gas = Instructions.expand(f, f.gas, Math.max(inEnd, outEnd));
    if (gas < 0) {
      return halt(f, HaltReason.OUT_OF_GAS);
    }
    gas -= accessAndTransferCost(op, state.account(to), transfersValue);
    if (gas < 0) {
      return halt(f, HaltReason.OUT_OF_GAS);
    }
    if (op == CALL && transfersValue && f.isStatic) {
      return halt(f, HaltReason.STATIC_STATE_CHANGE);
    }
    long requested = U256.toLongOrMinusOne(s, top);
    long callGas;
    if (spec.allButOne64th) {
      long cap = gas - gas / 64;
      callGas = requested < 0 || requested > cap ? cap : requested;
    } else {
      if (requested < 0 || requested > gas) {
        return halt(f, HaltReason.OUT_OF_GAS);
      }
      callGas = requested;
    }
    gas -= callGas;
    if (transfersValue) {
      callGas += 2300; // the stipend is free for the caller
    }
    UInt256 value = hasValue ? Words.toUInt256(s, top - 8) : UInt256.ZERO;
    long retOffset = outEnd == 0 ? 0 : s[in - 8];
    long retSize = outEnd == 0 ? 0 : s[in - 12];
    byte[] input = inEnd == 0 ? Words.EMPTY : f.memory.slice((int) s[in], (int) s[in - 4]);
    f.sp -= hasValue ? 7 : 6;
    f.gas = gas;
    if (f.depth >= Interpreter.MAX_DEPTH) {
      setResult(ST_REVERT, callGas, Words.EMPTY, null);
      complete(f, op, retOffset, retSize);
      return CONTINUE;
    }
    Frame child = evm.frame(f.depth + 1);
    child.retOffset = retOffset;
    child.retSize = retSize;
    boolean started =
        switch (op) {
          case CALL -> beginCall(child, op, f.address, to, to, value, input, callGas, f.isStatic);
          case CALLCODE ->
              beginCall(child, op, f.address, f.address, to, value, input, callGas, f.isStatic);
          case DELEGATECALL ->
              beginCall(child, op, f.caller, f.address, to, f.value, input, callGas, f.isStatic);
          default -> beginCall(child, op, f.address, to, to, UInt256.ZERO, input, callGas, true);
        };
    if (started) {
      return CHILD;
    }
    complete(f, op, retOffset, retSize);
    return CONTINUE;
  }

  /**
   * The CALL family's costs besides memory and the gas passed on: EIP-2929 access of the target and
   * (EIP-7702) of its delegate, both warmed; value transfer; a new account (CALL only: to an empty
   * account with value from Spurious Dragon, to a missing account before).
   */
  private long accessAndTransferCost(int op, Account target, boolean transfersValue) {
    long cost = 0;
    if (spec.accessLists) {
      cost += state.warm(target) ? spec.coldAccountGas : spec.warmAccessGas;
    }
    if (spec.delegations) {
      Address delegate = delegateOf(target);
      if (delegate != null) {
        cost += state.warm(state.account(delegate)) ? spec.coldAccountGas : spec.warmAccessGas;
      }
    }
    if (transfersValue) {
      cost += 9000;
    }
    if (op == CALL
        && (spec.emptyAccountRules ? transfersValue && target.isEmpty() : !target.exists())) {
      cost += 25_000;
    }
    return cost;
  }

  /**
   * Starts a message call into {@code child}; returns false when it completed at once (precompile,
   * no code, insufficient balance), with {@link #result} set.
   */
  boolean beginCall(
      Frame child,
      int kind,
      Address caller,
      Address address,
      Address codeAddress,
      UInt256 value,
      byte[] input,
      long gas,
      boolean isStatic) {
    boolean moves = (kind == CALL || kind == CALLCODE) && !value.isZero();
    Account from = moves ? state.account(caller) : null;
    if (moves && from.balance().compareTo(value) < 0) {
      setResult(ST_REVERT, gas, Words.EMPTY, null);
      return false;
    }
    int checkpoint = state.checkpoint();
    Account target = state.account(address);
    PrecompiledContract precompile = evm.precompiles.get(codeAddress);
    if (kind == CALL) {
      if (!target.exists() && precompile == null && spec.emptyAccountRules && value.isZero()) {
        setResult(ST_SUCCESS, gas, Words.EMPTY, null); // nothing to do, nothing touched
        return false;
      }
      if (moves) {
        state.subtractBalance(from, value);
      }
      state.addBalance(target, value);
    } else if (kind == STATICCALL) {
      state.addBalance(target, UInt256.ZERO); // touches the target, as geth does
    }
    if (precompile != null) {
      runPrecompile(precompile, input, gas, checkpoint);
      return false;
    }
    CodeAnalysis code = resolveCode(codeAddress);
    if (code.length == 0) {
      setResult(ST_SUCCESS, gas, Words.EMPTY, null);
      return false;
    }
    child.kind = kind;
    child.caller = caller;
    child.address = address;
    child.account = target;
    child.setValue(value);
    child.input = input;
    child.isStatic = isStatic;
    child.checkpoint = checkpoint;
    child.start(code, gas);
    return true;
  }

  private void runPrecompile(PrecompiledContract p, byte[] input, long gas, int checkpoint) {
    long cost = p.gas(input);
    if (cost > gas) {
      state.revert(checkpoint);
      setResult(ST_HALT, 0, Words.EMPTY, HaltReason.OUT_OF_GAS);
      return;
    }
    PrecompileResult r;
    try {
      r = p.run(input);
    } catch (RuntimeException e) {
      r = PrecompileResult.failure(); // a precompile must not throw; treat a bug as a failure
    }
    if (!r.success()) {
      state.revert(checkpoint);
      setResult(ST_HALT, 0, Words.EMPTY, HaltReason.PRECOMPILE_FAILURE);
      return;
    }
    setResult(ST_SUCCESS, gas - cost, r.output(), null);
  }

  /** The code a call to {@code address} runs: its own, or its EIP-7702 delegate's. */
  CodeAnalysis resolveCode(Address address) {
    Account a = state.account(address);
    if (spec.delegations) {
      Address delegate = delegateOf(a);
      if (delegate != null) {
        a = state.account(delegate);
      }
    }
    return analysis(a);
  }

  CodeAnalysis analysis(Account a) {
    if (!a.hasCode()) {
      return CodeAnalysis.EMPTY;
    }
    Object cached = a.codeAnalysis();
    if (cached instanceof CodeAnalysis ca) {
      return ca;
    }
    CodeAnalysis ca = evm.codeCache.get(a.codeHash(), state.code(a));
    a.setCodeAnalysis(ca);
    return ca;
  }

  /** The EIP-7702 delegate of an account whose code is {@code 0xef0100 ‖ address}, or null. */
  Address delegateOf(Account a) {
    if (!a.hasCode()) {
      return null;
    }
    return Delegation.target(state.code(a));
  }

  // ---------------------------------------------------------- CREATE family

  int create(Frame f, int op) {
    if (f.isStatic) {
      return halt(f, HaltReason.STATIC_STATE_CHANGE);
    }
    long[] s = f.stack;
    int top = (f.sp - 1) << 2;
    long end = Instructions.memoryEnd(s, top - 4, top - 8);
    if (end < 0) {
      return halt(f, HaltReason.OUT_OF_GAS);
    }
    long size = end == 0 ? 0 : s[top - 8];
    if (size > spec.maxInitcodeSize) {
      return halt(f, HaltReason.INITCODE_SIZE_LIMIT);
    }
    long gas = Instructions.expand(f, f.gas, end);
    if (gas < 0) {
      return halt(f, HaltReason.OUT_OF_GAS);
    }
    long words = (size + 31) >>> 5;
    if (spec.initcodeWordGas) {
      gas -= 2 * words;
    }
    if (op == CREATE2) {
      gas -= 6 * words;
    }
    if (gas < 0) {
      return halt(f, HaltReason.OUT_OF_GAS);
    }
    long callGas = spec.allButOne64th ? gas - gas / 64 : gas;
    gas -= callGas;
    UInt256 value = Words.toUInt256(s, top);
    byte[] initCode = size == 0 ? Words.EMPTY : f.memory.slice((int) s[top - 4], (int) size);
    byte[] salt = op == CREATE2 ? Words.toBytes(s, top - 12) : null;
    f.sp -= op == CREATE2 ? 4 : 3;
    f.gas = gas;
    Account creator = f.account;
    if (f.depth >= Interpreter.MAX_DEPTH
        || creator.balance().compareTo(value) < 0
        || creator.nonce() == -1L) {
      setResult(ST_REVERT, callGas, Words.EMPTY, null);
      complete(f, op, 0, 0);
      return CONTINUE;
    }
    Address newAddress =
        op == CREATE
            ? ContractAddress.create(f.address, creator.nonce())
            : ContractAddress.create2(f.address, salt, Keccak256.hash(initCode));
    state.setNonce(creator, creator.nonce() + 1);
    Frame child = evm.frame(f.depth + 1);
    if (beginCreate(child, op, f.address, value, initCode, callGas, newAddress)) {
      return CHILD;
    }
    complete(f, op, 0, 0);
    return CONTINUE;
  }

  /**
   * Starts running init code for a new contract at {@code newAddress}; returns false (with {@link
   * #result} set) on an address collision. The creator's nonce is already incremented.
   */
  boolean beginCreate(
      Frame child,
      int kind,
      Address caller,
      UInt256 value,
      byte[] initCode,
      long gas,
      Address newAddress) {
    Account created = state.account(newAddress);
    if (spec.accessLists) {
      state.warm(created); // stays warm even if the creation fails
    }
    if (created.nonce() != 0 || created.hasCode() || state.hasStoredStorage(created)) {
      setResult(ST_HALT, 0, Words.EMPTY, HaltReason.CREATE_COLLISION);
      return false;
    }
    int checkpoint = state.checkpoint();
    state.markCreated(created);
    if (spec.emptyAccountRules) {
      state.setNonce(created, 1);
    }
    state.subtractBalance(state.account(caller), value);
    state.addBalance(created, value);
    child.kind = kind;
    child.caller = caller;
    child.address = newAddress;
    child.account = created;
    child.setValue(value);
    child.input = Words.EMPTY;
    child.isStatic = false;
    child.checkpoint = checkpoint;
    child.retOffset = 0;
    child.retSize = 0;
    child.start(CodeAnalysis.analyse(initCode), gas);
    return true;
  }

  // ------------------------------------------------------------- completion

  /** Settles a finished frame: deposits created code, reverts on failure, sets {@link #result}. */
  void finish(Frame f) {
    boolean isCreate = f.kind == CREATE || f.kind == CREATE2;
    if (isCreate && f.status == ST_SUCCESS) {
      depositCode(f);
    }
    if (f.status != ST_SUCCESS) {
      state.revert(f.checkpoint);
      if (f.status == ST_HALT) {
        f.gas = 0;
        f.output = Words.EMPTY;
      }
    }
    setResult(f.status, f.gas, f.output, f.halt);
    if (isCreate && f.status == ST_SUCCESS) {
      result.created = f.address;
    }
  }

  private void depositCode(Frame f) {
    byte[] code = f.output;
    if (code.length > spec.maxCodeSize) {
      f.status = ST_HALT;
      f.halt = HaltReason.CODE_SIZE_LIMIT;
      return;
    }
    if (spec.rejectEfCode && code.length > 0 && code[0] == (byte) 0xEF) {
      f.status = ST_HALT;
      f.halt = HaltReason.INVALID_CODE_PREFIX;
      return;
    }
    long cost = 200L * code.length;
    if (f.gas < cost) {
      if (spec.codeDepositOutOfGasFails) {
        f.status = ST_HALT;
        f.halt = HaltReason.OUT_OF_GAS;
      }
      return; // Frontier: the contract exists without code and keeps its gas
    }
    f.gas -= cost;
    if (code.length > 0) {
      state.setCode(f.account, code);
    }
  }

  /** Hands {@link #result} to the parent frame whose {@code kind} instruction is waiting. */
  void complete(Frame parent, int kind, long retOffset, long retSize) {
    Result r = result;
    long[] s = parent.stack;
    int p = parent.sp << 2;
    parent.gas += r.gas;
    if (kind == CREATE || kind == CREATE2) {
      if (r.status == ST_SUCCESS && r.created != null) {
        Words.pushAddress(s, p, r.created);
      } else {
        U256.setZero(s, p);
      }
      parent.returnData = r.status == ST_REVERT ? r.output : Words.EMPTY;
    } else {
      U256.setSmall(s, p, r.status == ST_SUCCESS ? 1 : 0);
      if (r.status != ST_HALT && retSize > 0 && r.output.length > 0) {
        int n = (int) Math.min(retSize, r.output.length);
        System.arraycopy(r.output, 0, parent.memory.data, (int) retOffset, n);
      }
      parent.returnData = r.status == ST_HALT ? Words.EMPTY : r.output;
    }
    parent.sp++;
  }
}
