package io.opal.execution.evm;

import static io.opal.execution.evm.Opcodes.*;

import io.opal.execution.state.Account;
import io.opal.execution.state.JournaledState;
import io.opal.execution.state.StorageSlot;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.crypto.Keccak256;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The instructions that need more than a few lines: memory, state access and environment. Each
 * takes the gas left and returns the gas left after its dynamic cost, or a negative {@link
 * HaltReason#encode() encoded halt}. Stack positions are bases in the flat stack ({@code top} is
 * μs[0], {@code top - 4} is μs[1], ...); the interpreter adjusts the stack pointer.
 */
final class Instructions {
  private static final long OOG = HaltReason.OUT_OF_GAS.encode();
  private static final long STATIC = HaltReason.STATIC_STATE_CHANGE.encode();

  private final Interpreter evm;
  private final EvmSpec spec;
  private final JournaledState state;
  private final BlockEnv block;
  private final TxContext tx;
  // Environment words computed once per transaction.
  private final long[] env = new long[6 * 4];
  private static final byte[] EMPTY_HASH = Hash.EMPTY.toArray();
  private final byte[] hashOut = new byte[32];
  private final long[] keccakState = new long[25];
  private static final int TOPIC_CACHE_BITS = 6;
  private final Hash[] topicCache = new Hash[1 << TOPIC_CACHE_BITS];
  private final long[] topicKeys = new long[4 << TOPIC_CACHE_BITS];
  private static final int E_ORIGIN = 0;
  private static final int E_GASPRICE = 4;
  private static final int E_COINBASE = 8;
  private static final int E_RANDAO = 12;
  private static final int E_BASEFEE = 16;
  private static final int E_BLOBBASEFEE = 20;

  Instructions(Interpreter evm) {
    this.evm = evm;
    this.spec = evm.spec;
    this.state = evm.state;
    this.block = evm.block;
    this.tx = evm.tx;
    Words.pushAddress(env, E_ORIGIN, tx.origin());
    Words.push(env, E_GASPRICE, tx.gasPrice());
    Words.pushAddress(env, E_COINBASE, block.coinbase());
    if (spec.fork.isAtLeast(io.opal.primitives.fork.EvmFork.PARIS)) {
      Words.push(env, E_RANDAO, block.prevRandao().toArray());
    } else {
      Words.push(env, E_RANDAO, block.difficulty());
    }
    Words.push(env, E_BASEFEE, block.baseFee());
    Words.push(env, E_BLOBBASEFEE, block.blobBaseFee(spec));
  }

  // ------------------------------------------------------------------ memory

  /** The end of [offset, offset + size), 0 when size is 0, -1 when it cannot be allocated. */
  static long memoryEnd(long[] s, int offset, int size) {
    if (U256.isZero(s, size)) {
      return 0;
    }
    long o = U256.toLongOrMinusOne(s, offset);
    long n = U256.toLongOrMinusOne(s, size);
    if (o < 0 || n < 0 || o > Memory.MAX_BYTES || n > Memory.MAX_BYTES) {
      return -1;
    }
    return o + n;
  }

  /** Charges for and performs the expansion of memory to cover {@code end} bytes. */
  static long expand(Frame f, long gas, long end) {
    Memory m = f.memory;
    if (end <= m.size) {
      return end < 0 ? OOG : gas;
    }
    if (end > Memory.MAX_BYTES) {
      return OOG;
    }
    long newSize = (end + 31) & ~31L;
    long cost = Memory.cost(newSize >>> 5) - Memory.cost(m.size >>> 5);
    if (cost > gas) {
      return OOG;
    }
    m.ensure((int) newSize);
    return gas - cost;
  }

  private static long words(long bytes) {
    return (bytes + 31) >>> 5;
  }

  long memoryAccess(int op, Frame f, long[] s, int top, long gas) {
    long off = U256.toLongOrMinusOne(s, top);
    if (off < 0 || off > Memory.MAX_BYTES) {
      return OOG;
    }
    long end = off + (op == MSTORE8 ? 1 : 32);
    gas = expand(f, gas, end);
    if (gas < 0) {
      return gas;
    }
    byte[] mem = f.memory.data;
    switch (op) {
      case MLOAD -> Words.load(s, top, mem, (int) off);
      case MSTORE -> Words.store(s, top - 4, mem, (int) off);
      default -> mem[(int) off] = (byte) s[top - 4];
    }
    return gas;
  }

  long keccak(Frame f, long[] s, int top, long gas) {
    long end = memoryEnd(s, top, top - 4);
    gas = expand(f, gas, end);
    if (gas < 0) {
      return gas;
    }
    int len = (int) s[top - 4];
    gas -= 6 * words(len);
    if (gas < 0) {
      return OOG;
    }
    if (len == 0) {
      Words.load(s, top - 4, EMPTY_HASH, 0);
    } else {
      // No allocation per hash: the sponge state and the digest are reused.
      Keccak256.hash(f.memory.data, (int) s[top], len, hashOut, 0, keccakState);
      Words.load(s, top - 4, hashOut, 0);
    }
    return gas;
  }

  /** CALLDATACOPY, CODECOPY, RETURNDATACOPY (dest, src, size) and MCOPY (dest, src, size). */
  long copy(int op, Frame f, long[] s, int top, long gas) {
    long end = memoryEnd(s, top, top - 8);
    if (end < 0) {
      return OOG;
    }
    long size = end == 0 ? 0 : s[top - 8];
    if (op == MCOPY) {
      long srcEnd = memoryEnd(s, top - 4, top - 8);
      if (srcEnd < 0) {
        return OOG;
      }
      end = Math.max(end, srcEnd);
    }
    gas -= 3 * words(size);
    if (gas < 0) {
      return OOG;
    }
    gas = expand(f, gas, end);
    if (gas < 0) {
      return gas;
    }
    long src = U256.toLongOrMinusOne(s, top - 4);
    if (op == RETURNDATACOPY) {
      if (src < 0 || src > f.returnData.length - size) {
        return HaltReason.RETURN_DATA_OUT_OF_BOUNDS.encode();
      }
    }
    if (size == 0) {
      return gas;
    }
    int dest = (int) s[top];
    if (src < 0) {
      src = Long.MAX_VALUE;
    }
    Memory m = f.memory;
    switch (op) {
      case CALLDATACOPY -> m.copyPadded(dest, f.input, src, f.input.length, (int) size);
      case CODECOPY -> m.copyPadded(dest, f.code.padded, src, f.code.length, (int) size);
      case RETURNDATACOPY -> System.arraycopy(f.returnData, (int) src, m.data, dest, (int) size);
      default -> System.arraycopy(m.data, (int) src, m.data, dest, (int) size);
    }
    return gas;
  }

  long extCodeCopy(Frame f, long[] s, int top, long gas) {
    Account a = state.account(Words.toAddress(s, top));
    gas = accessAccount(a, gas);
    if (gas < 0) {
      return gas;
    }
    long end = memoryEnd(s, top - 4, top - 12);
    if (end < 0) {
      return OOG;
    }
    long size = end == 0 ? 0 : s[top - 12];
    gas -= 3 * words(size);
    if (gas < 0) {
      return OOG;
    }
    gas = expand(f, gas, end);
    if (gas < 0 || size == 0) {
      return gas;
    }
    long src = U256.toLongOrMinusOne(s, top - 8);
    byte[] code = state.code(a);
    f.memory.copyPadded(
        (int) s[top - 4], code, src < 0 ? Long.MAX_VALUE : src, code.length, (int) size);
    return gas;
  }

  long returnData(Frame f, long[] s, int top, long gas) {
    long end = memoryEnd(s, top, top - 4);
    gas = expand(f, gas, end);
    if (gas < 0) {
      return gas;
    }
    f.output = end == 0 ? Words.EMPTY : f.memory.slice((int) s[top], (int) s[top - 4]);
    return gas;
  }

  long log(int topics, Frame f, long[] s, int top, long gas) {
    if (f.isStatic) {
      return STATIC;
    }
    long end = memoryEnd(s, top, top - 4);
    gas = expand(f, gas, end);
    if (gas < 0) {
      return gas;
    }
    long size = end == 0 ? 0 : s[top - 4];
    gas -= 8 * size;
    if (gas < 0) {
      return OOG;
    }
    int t0 = top - 8;
    // List.of with the topics as arguments: an immutable list Log keeps without copying.
    List<Hash> list =
        switch (topics) {
          case 0 -> List.of();
          case 1 -> List.of(topic(s, t0));
          case 2 -> List.of(topic(s, t0), topic(s, t0 - 4));
          case 3 -> List.of(topic(s, t0), topic(s, t0 - 4), topic(s, t0 - 8));
          default -> List.of(topic(s, t0), topic(s, t0 - 4), topic(s, t0 - 8), topic(s, t0 - 12));
        };
    byte[] data = size == 0 ? Words.EMPTY : f.memory.slice((int) s[top], (int) size);
    state.addLog(new Log(f.address, list, Bytes.wrap(data)));
    return gas;
  }

  /**
   * The stack word at {@code p} as a log topic, shared with an earlier equal topic when the small
   * direct-mapped cache still holds it: event signatures and the addresses of busy accounts recur
   * in almost every log, and a topic is immutable.
   */
  private Hash topic(long[] s, int p) {
    long w0 = s[p], w1 = s[p + 1], w2 = s[p + 2], w3 = s[p + 3];
    long mix = (w0 ^ w1 ^ w2 ^ w3) * 0x9E3779B97F4A7C15L;
    int i = (int) (mix >>> (64 - TOPIC_CACHE_BITS));
    int k = i << 2;
    Hash h = topicCache[i];
    if (h != null
        && topicKeys[k] == w0
        && topicKeys[k + 1] == w1
        && topicKeys[k + 2] == w2
        && topicKeys[k + 3] == w3) {
      return h;
    }
    h = Hash.wrap(Words.toBytes(s, p));
    topicCache[i] = h;
    topicKeys[k] = w0;
    topicKeys[k + 1] = w1;
    topicKeys[k + 2] = w2;
    topicKeys[k + 3] = w3;
    return h;
  }

  // ------------------------------------------------------------ environment

  void environment(int op, Frame f, long[] s, int p) {
    switch (op) {
      case ADDRESS -> Words.pushAddress(s, p, f.address);
      case ORIGIN -> copyEnv(s, p, E_ORIGIN);
      case CALLER -> Words.pushAddress(s, p, f.caller);
      case CALLVALUE -> U256.set(s, p, f.v0, f.v1, f.v2, f.v3);
      case CALLDATASIZE -> U256.setSmall(s, p, f.input.length);
      case CODESIZE -> U256.setSmall(s, p, f.code.length);
      case GASPRICE -> copyEnv(s, p, E_GASPRICE);
      case COINBASE -> copyEnv(s, p, E_COINBASE);
      case TIMESTAMP -> U256.setSmall(s, p, block.timestamp());
      case NUMBER -> U256.setSmall(s, p, block.number());
      case PREVRANDAO -> copyEnv(s, p, E_RANDAO);
      case GASLIMIT -> U256.setSmall(s, p, block.gasLimit());
      case CHAINID -> U256.setSmall(s, p, block.chainId());
      case SELFBALANCE -> Words.push(s, p, f.account.balance());
      case BASEFEE -> copyEnv(s, p, E_BASEFEE);
      case BLOBBASEFEE -> copyEnv(s, p, E_BLOBBASEFEE);
      case RETURNDATASIZE -> U256.setSmall(s, p, f.returnData.length);
      default -> U256.setSmall(s, p, f.memory.size); // MSIZE
    }
  }

  private void copyEnv(long[] s, int p, int e) {
    s[p] = env[e];
    s[p + 1] = env[e + 1];
    s[p + 2] = env[e + 2];
    s[p + 3] = env[e + 3];
  }

  void blockHash(long[] s, int top) {
    long n = U256.toLongOrMinusOne(s, top);
    long current = block.number();
    if (n < 0 || n >= current || n < current - 256) {
      U256.setZero(s, top);
      return;
    }
    Words.push(s, top, block.blockHashes().hash(n).toArray());
  }

  void blobHash(long[] s, int top) {
    long i = U256.toLongOrMinusOne(s, top);
    List<Hash> hashes = tx.blobHashes();
    if (i < 0 || i >= hashes.size()) {
      U256.setZero(s, top);
      return;
    }
    Words.push(s, top, hashes.get((int) i).toArray());
  }

  // ------------------------------------------------------------------ state

  /** Charges the EIP-2929 warm or cold price of touching an account (nothing before Berlin). */
  long accessAccount(Account a, long gas) {
    if (!spec.accessLists) {
      return gas;
    }
    gas -= state.warm(a) ? spec.coldAccountGas : spec.warmAccessGas;
    return gas < 0 ? OOG : gas;
  }

  /** BALANCE, EXTCODESIZE, EXTCODEHASH. */
  long accountQuery(int op, long[] s, int top, long gas) {
    Account a = state.account(Words.toAddress(s, top));
    gas = accessAccount(a, gas);
    if (gas < 0) {
      return gas;
    }
    switch (op) {
      case BALANCE -> Words.push(s, top, a.balance());
      case EXTCODESIZE -> U256.setSmall(s, top, a.hasCode() ? state.code(a).length : 0);
      default -> {
        if (!a.exists() || a.isEmpty()) {
          U256.setZero(s, top);
        } else {
          Words.push(s, top, a.codeHash().toArray());
        }
      }
    }
    return gas;
  }

  long sload(Frame f, long[] s, int top, long gas) {
    StorageSlot slot = state.slot(f.account, s[top], s[top + 1], s[top + 2], s[top + 3]);
    if (spec.accessLists) {
      gas -= state.warm(slot) ? spec.coldSloadGas : spec.warmAccessGas;
      if (gas < 0) {
        return OOG;
      }
    }
    Words.push(s, top, slot.current());
    return gas;
  }

  long sstore(Frame f, long[] s, int top, long gas) {
    if (f.isStatic) {
      return STATIC;
    }
    if (spec.sstoreSentry && gas <= 2300) {
      return OOG; // EIP-2200: SSTORE needs more than the call stipend
    }
    StorageSlot slot = state.slot(f.account, s[top], s[top + 1], s[top + 2], s[top + 3]);
    Word256 value = Words.toWord(s, top - 4);
    long cost = 0;
    if (spec.accessLists && state.warm(slot)) {
      cost = spec.coldSloadGas;
    }
    cost += spec.sstoreNetMetering ? netMeteredCost(slot, value) : legacyCost(slot, value);
    gas -= cost;
    if (gas < 0) {
      return OOG;
    }
    state.setStorage(f.account, slot, value);
    return gas;
  }

  /** Frontier to Petersburg (except Constantinople): set 20000, otherwise 5000, clear refunds. */
  private long legacyCost(StorageSlot slot, Word256 value) {
    boolean currentZero = slot.current().isZero();
    if (currentZero && !value.isZero()) {
      return spec.sstoreSetGas;
    }
    if (!currentZero && value.isZero()) {
      state.addRefund(spec.sstoreClearRefund);
    }
    return spec.sstoreResetGas;
  }

  /** EIP-1283 / EIP-2200 (with EIP-2929 and EIP-3529 parameters): priced by the original value. */
  private long netMeteredCost(StorageSlot slot, Word256 value) {
    Word256 current = slot.current();
    Word256 original = slot.original();
    if (current.equals(value)) {
      return spec.sstoreNoopGas;
    }
    if (original.equals(current)) {
      if (original.isZero()) {
        return spec.sstoreSetGas;
      }
      if (value.isZero()) {
        state.addRefund(spec.sstoreClearRefund);
      }
      return spec.sstoreResetGas;
    }
    if (!original.isZero()) {
      if (current.isZero()) {
        state.subtractRefund(spec.sstoreClearRefund);
      } else if (value.isZero()) {
        state.addRefund(spec.sstoreClearRefund);
      }
    }
    if (original.equals(value)) {
      if (original.isZero()) {
        state.addRefund(spec.sstoreSetGas - spec.sstoreNoopGas);
      } else {
        state.addRefund(spec.sstoreResetGas - spec.sstoreNoopGas);
      }
    }
    return spec.sstoreNoopGas;
  }

  void tload(Frame f, long[] s, int top) {
    Words.push(s, top, state.transientValue(f.account, Words.toWord(s, top)));
  }

  void tstore(Frame f, long[] s, int top) {
    state.setTransient(f.account, Words.toWord(s, top), Words.toWord(s, top - 4));
  }

  long selfDestruct(Frame f, long[] s, int top, long gas) {
    Account self = f.account;
    Address beneficiaryAddress = Words.toAddress(s, top);
    Account beneficiary = state.account(beneficiaryAddress);
    if (spec.accessLists && state.warm(beneficiary)) {
      gas -= spec.coldAccountGas;
    }
    if (spec.allButOne64th) {
      boolean needsNewAccount =
          spec.emptyAccountRules
              ? beneficiary.isEmpty() && !self.balance().isZero()
              : !beneficiary.exists();
      if (needsNewAccount) {
        gas -= 25_000;
      }
    }
    if (gas < 0) {
      return OOG;
    }
    if (f.isStatic) {
      return STATIC;
    }
    if (spec.selfdestructRefund > 0 && !self.isSelfDestructed()) {
      state.addRefund(spec.selfdestructRefund);
    }
    UInt256 balance = self.balance();
    if (spec.selfdestructOnlyWhenCreated) {
      // EIP-6780: the balance moves; the account is deleted only if created in this transaction.
      state.subtractBalance(self, balance);
      state.addBalance(beneficiary, balance);
      if (self.isCreatedInTx()) {
        state.setBalance(self, UInt256.ZERO);
        state.markSelfDestructed(self);
      }
    } else {
      state.addBalance(beneficiary, balance);
      state.setBalance(self, UInt256.ZERO);
      state.markSelfDestructed(self);
    }
    return gas;
  }

  Interpreter evm() {
    return evm;
  }
}
