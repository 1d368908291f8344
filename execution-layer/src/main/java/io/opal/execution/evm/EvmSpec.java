package io.opal.execution.evm;

import static io.opal.execution.evm.Opcodes.*;

import io.opal.primitives.fork.EvmFork;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rules of one fork as data: per-opcode tables (static gas, stack bounds, availability) and the
 * parameters of the dynamic gas formulas. Each fork is built as its predecessor plus the
 * differences its EIPs introduced (see {@link #apply(EvmFork)}), so older forks are right by
 * construction of the tables rather than by scattered conditions in the interpreter.
 */
public final class EvmSpec {
  static final int UNDEFINED = 10_000; // minStack of an opcode the fork does not have

  private static final Map<EvmFork, EvmSpec> CACHE = new EnumMap<>(EvmFork.class);

  final EvmFork fork;
  final int[] staticGas = new int[256];
  final int[] minStack = new int[256];
  final int[] maxStack = new int[256];

  /** maxStack - minStack: the interpreter checks both bounds with one unsigned comparison. */
  final int[] stackSpan = new int[256];

  private final boolean[] defined = new boolean[256];

  // EIP-150 (Tangerine Whistle): all but one 64th of the gas to sub-calls, repricing.
  boolean allButOne64th;
  // EIP-161 (Spurious Dragon): emptiness instead of existence, clearing, contract nonce 1.
  boolean emptyAccountRules;
  // EIP-2 (Homestead): running out of gas for the code deposit fails the creation.
  boolean codeDepositOutOfGasFails;
  int expByteGas = 10;
  int maxCodeSize = Integer.MAX_VALUE;
  int maxInitcodeSize = Integer.MAX_VALUE;
  boolean initcodeWordGas;
  boolean rejectEfCode;

  /** EIP-2929 warm/cold accounting; warm and cold prices. */
  boolean accessLists;

  final int warmAccessGas = 100;
  final int coldAccountGas = 2600;
  final int coldSloadGas = 2100;

  /** Net gas metering for SSTORE (EIP-1283 in Constantinople only, EIP-2200 from Istanbul). */
  boolean sstoreNetMetering;

  boolean sstoreSentry;
  int sstoreNoopGas = 200;
  final int sstoreSetGas = 20_000;
  int sstoreResetGas = 5_000;
  int sstoreClearRefund = 15_000;
  int selfdestructRefund = 24_000;
  int refundQuotient = 2;

  boolean selfdestructOnlyWhenCreated; // EIP-6780
  boolean warmCoinbase; // EIP-3651
  boolean delegations; // EIP-7702

  // Transaction-level rules.
  int txDataNonZeroGas = 68;
  boolean txCreateCost; // Homestead: 53000 for creations
  boolean txCalldataFloor; // EIP-7623
  boolean baseFee; // EIP-1559
  boolean blobs; // EIP-4844
  int maxBlobsPerBlock;
  long blobBaseFeeUpdateFraction;
  boolean typedAccessListTx; // EIP-2930
  boolean setCodeTx; // EIP-7702

  private EvmSpec(EvmFork fork) {
    this.fork = fork;
  }

  /** The spec of a fork (built once, then shared: it is never modified after construction). */
  public static synchronized EvmSpec of(EvmFork fork) {
    return CACHE.computeIfAbsent(fork, EvmSpec::build);
  }

  private static EvmSpec build(EvmFork target) {
    EvmSpec s = new EvmSpec(target);
    s.frontier();
    for (EvmFork f : EvmFork.values()) {
      if (f.compareTo(target) > 0) {
        break;
      }
      s.apply(f);
    }
    s.finishTables();
    return s;
  }

  public EvmFork fork() {
    return fork;
  }

  /** Refund cap divisor: gas used / 2 before London, / 5 from London (EIP-3529). */
  public int refundQuotient() {
    return refundQuotient;
  }

  /** EIP-161: touched empty accounts are deleted at the end of a transaction. */
  public boolean clearsEmptyAccounts() {
    return emptyAccountRules;
  }

  /** EIP-2929/2930: warm and cold state access. */
  public boolean hasAccessLists() {
    return accessLists;
  }

  /** EIP-3651: the coinbase is warm from the start of a transaction. */
  public boolean warmsCoinbase() {
    return warmCoinbase;
  }

  /** EIP-1559 base fee rules. */
  public boolean hasBaseFee() {
    return baseFee;
  }

  public boolean hasBlobs() {
    return blobs;
  }

  public int maxBlobsPerBlock() {
    return maxBlobsPerBlock;
  }

  /** EIP-7702 delegations. */
  public boolean hasDelegations() {
    return delegations;
  }

  /** EIP-7623 calldata floor. */
  public boolean hasCalldataFloor() {
    return txCalldataFloor;
  }

  /** EIP-3860 limit on init code (Integer.MAX_VALUE before Shanghai). */
  public int maxInitcodeSize() {
    return maxInitcodeSize;
  }

  /** EIP-3860 charges 2 gas per init code word. */
  public boolean chargesInitcodeWords() {
    return initcodeWordGas;
  }

  /** Homestead: contract creations cost 53000 intrinsic gas. */
  public boolean chargesCreationIntrinsicGas() {
    return txCreateCost;
  }

  /** 68 before Istanbul, 16 after (EIP-2028). */
  public int txDataNonZeroGas() {
    return txDataNonZeroGas;
  }

  /** Whether transactions of this type (0 legacy .. 4 set-code) exist in the fork. */
  public boolean supportsTxType(int type) {
    return switch (type) {
      case 0 -> true;
      case 1 -> typedAccessListTx;
      case 2 -> baseFee;
      case 3 -> blobs;
      case 4 -> setCodeTx;
      default -> false;
    };
  }

  boolean isDefined(int op) {
    return defined[op];
  }

  private void op(int op, int gas) {
    defined[op] = true;
    staticGas[op] = gas;
  }

  private void frontier() {
    op(STOP, 0);
    for (int o : new int[] {ADD, SUB, NOT, LT, GT, SLT, SGT, EQ, ISZERO, AND, OR, XOR, BYTE}) {
      op(o, 3);
    }
    for (int o : new int[] {MUL, DIV, SDIV, MOD, SMOD, SIGNEXTEND}) {
      op(o, 5);
    }
    op(ADDMOD, 8);
    op(MULMOD, 8);
    op(EXP, 10);
    op(KECCAK256, 30);
    for (int o :
        new int[] {
          ADDRESS, ORIGIN, CALLER, CALLVALUE, CALLDATASIZE, CODESIZE, GASPRICE, COINBASE,
          TIMESTAMP, NUMBER, PREVRANDAO, GASLIMIT, POP, PC, MSIZE, GAS
        }) {
      op(o, 2);
    }
    op(BALANCE, 20);
    op(CALLDATALOAD, 3);
    op(CALLDATACOPY, 3);
    op(CODECOPY, 3);
    op(EXTCODESIZE, 20);
    op(EXTCODECOPY, 20);
    op(BLOCKHASH, 20);
    op(MLOAD, 3);
    op(MSTORE, 3);
    op(MSTORE8, 3);
    op(SLOAD, 50);
    op(SSTORE, 0);
    op(JUMP, 8);
    op(JUMPI, 10);
    op(JUMPDEST, 1);
    for (int i = 0; i < 32; i++) {
      op(PUSH1 + i, 3);
    }
    for (int i = 0; i < 16; i++) {
      op(DUP1 + i, 3);
      op(SWAP1 + i, 3);
    }
    for (int i = 0; i <= 4; i++) {
      op(LOG0 + i, 375 * (i + 1));
    }
    op(CREATE, 32_000);
    op(CALL, 40);
    op(CALLCODE, 40);
    op(RETURN, 0);
    op(SELFDESTRUCT, 0);
    op(INVALID, 0);
  }

  /** The differences each fork made, in order. */
  private void apply(EvmFork f) {
    switch (f) {
      case FRONTIER -> {}
      case HOMESTEAD -> {
        op(DELEGATECALL, 40); // EIP-7
        codeDepositOutOfGasFails = true; // EIP-2
        txCreateCost = true; // EIP-2
      }
      case TANGERINE_WHISTLE -> {
        // EIP-150: IO-heavy operations repriced, 63/64 rule.
        op(BALANCE, 400);
        op(EXTCODESIZE, 700);
        op(EXTCODECOPY, 700);
        op(SLOAD, 200);
        op(CALL, 700);
        op(CALLCODE, 700);
        op(DELEGATECALL, 700);
        op(SELFDESTRUCT, 5000);
        allButOne64th = true;
      }
      case SPURIOUS_DRAGON -> {
        expByteGas = 50; // EIP-160
        emptyAccountRules = true; // EIP-161
        maxCodeSize = 24_576; // EIP-170
      }
      case BYZANTIUM -> {
        op(RETURNDATASIZE, 2); // EIP-211
        op(RETURNDATACOPY, 3);
        op(STATICCALL, 700); // EIP-214
        op(REVERT, 0); // EIP-140
      }
      case CONSTANTINOPLE -> {
        op(SHL, 3); // EIP-145
        op(SHR, 3);
        op(SAR, 3);
        op(EXTCODEHASH, 400); // EIP-1052
        op(CREATE2, 32_000); // EIP-1014
        sstoreNetMetering = true; // EIP-1283
        sstoreNoopGas = 200;
      }
      case PETERSBURG -> sstoreNetMetering = false; // EIP-1283 withdrawn
      case ISTANBUL -> {
        op(CHAINID, 2); // EIP-1344
        op(SELFBALANCE, 5); // EIP-1884
        op(BALANCE, 700);
        op(SLOAD, 800);
        op(EXTCODEHASH, 700);
        sstoreNetMetering = true; // EIP-2200
        sstoreSentry = true;
        sstoreNoopGas = 800;
        txDataNonZeroGas = 16; // EIP-2028
      }
      case BERLIN -> {
        // EIP-2929: state access is priced warm or cold in the dynamic part.
        accessLists = true;
        for (int o :
            new int[] {
              BALANCE,
              EXTCODESIZE,
              EXTCODECOPY,
              EXTCODEHASH,
              SLOAD,
              CALL,
              CALLCODE,
              DELEGATECALL,
              STATICCALL
            }) {
          op(o, 0);
        }
        sstoreNoopGas = warmAccessGas;
        sstoreResetGas = 5_000 - coldSloadGas;
        typedAccessListTx = true; // EIP-2930
      }
      case LONDON -> {
        op(BASEFEE, 2); // EIP-3198
        refundQuotient = 5; // EIP-3529
        selfdestructRefund = 0;
        sstoreClearRefund = 4_800;
        rejectEfCode = true; // EIP-3541
        baseFee = true; // EIP-1559
      }
      case PARIS -> {} // PREVRANDAO replaces DIFFICULTY: same opcode, different source.
      case SHANGHAI -> {
        op(PUSH0, 2); // EIP-3855
        warmCoinbase = true; // EIP-3651
        maxInitcodeSize = 49_152; // EIP-3860
        initcodeWordGas = true;
      }
      case CANCUN -> {
        op(TLOAD, 100); // EIP-1153
        op(TSTORE, 100);
        op(MCOPY, 3); // EIP-5656
        op(BLOBHASH, 3); // EIP-4844
        op(BLOBBASEFEE, 2); // EIP-7516
        selfdestructOnlyWhenCreated = true; // EIP-6780
        blobs = true;
        maxBlobsPerBlock = 6;
        blobBaseFeeUpdateFraction = 3_338_477;
      }
      case PRAGUE -> {
        delegations = true; // EIP-7702
        setCodeTx = true;
        txCalldataFloor = true; // EIP-7623
        maxBlobsPerBlock = 9; // EIP-7691
        blobBaseFeeUpdateFraction = 5_007_716;
      }
      case OSAKA -> {} // not supported beyond Prague's rules
    }
  }

  private void finishTables() {
    for (int op = 0; op < 256; op++) {
      if (!defined[op]) {
        // sp - UNDEFINED is negative, i.e. huge unsigned: always out of the (zero) span.
        minStack[op] = UNDEFINED;
        maxStack[op] = UNDEFINED;
        continue;
      }
      int pops = Opcodes.POPS[op];
      int growth = Opcodes.PUSHES[op] - pops;
      minStack[op] = pops;
      maxStack[op] = 1024 - Math.max(0, growth);
      stackSpan[op] = maxStack[op] - minStack[op];
    }
  }
}
