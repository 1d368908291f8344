package io.opal.rpc.backend;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.StateReader;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainView;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.IntrinsicGas;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TransactionResult;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.rpc.CallExecutor;
import io.opal.rpc.CallRequest;
import io.opal.rpc.RpcException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * eth_call, eth_estimateGas and eth_createAccessList through the {@link TransactionProcessor} on
 * the state after a stored block, as op-geth runs them: the full transaction rules (intrinsic gas,
 * refunds, the EIP-7623 floor) but no nonce check, no L1 data or operator fee (op-geth charges
 * neither in calls: its {@code Message} is not a sequenced transaction), and with no fee given no
 * base fee either. Changes are never applied. Safe for many threads: every request gets its own
 * processor.
 */
public final class ExecutionCallExecutor implements CallExecutor {
  /** A bound on access-list rounds (geth has none; a list only grows, so this is a safeguard). */
  private static final int MAX_ACCESS_LIST_ROUNDS = 16;

  private final ChainDatabase db;
  private final ChainRules rules;
  private final CodeCache codeCache = new CodeCache(1024);

  public ExecutionCallExecutor(ChainDatabase db, RollupConfig config) {
    this(db, ChainRules.op(config));
  }

  public ExecutionCallExecutor(ChainDatabase db, ChainRules rules) {
    this.db = db;
    this.rules = rules;
  }

  @Override
  public CallResult call(CallRequest request, BlockHeader at, CallOptions options)
      throws RpcException {
    try (ChainView view = db.view()) {
      Run run = prepare(view, request, at, options);
      return toCallResult(run.execute(run.gasLimit(request, options), request));
    }
  }

  @Override
  public EstimateResult estimateGas(CallRequest request, BlockHeader at, CallOptions options)
      throws RpcException {
    try (ChainView view = db.view()) {
      return new GasEstimator(prepare(view, request, at, options), request, options).estimate();
    }
  }

  /**
   * geth's {@code AccessList}: runs the call, records the accounts and slots it touched, and runs
   * again with them as its access list until the list stops growing (warming can change the path a
   * gas-dependent call takes); the gas and error are those of the last run.
   */
  @Override
  public AccessListResult createAccessList(CallRequest request, BlockHeader at, CallOptions options)
      throws RpcException {
    try (ChainView view = db.view()) {
      return accessList(prepare(view, request, at, options), request, options);
    }
  }

  private static AccessListResult accessList(Run run, CallRequest request, CallOptions options)
      throws RpcException {
    Set<Address> excluded = new HashSet<>(run.precompiles().addresses());
    Address from = request.from().orElse(Address.ZERO);
    excluded.add(from);
    excluded.add(run.block().coinbase());
    excluded.add(
        request.to().orElseGet(() -> ContractAddress.create(from, run.sender(request).nonce())));
    List<AccessListEntry> list = request.accessList().orElse(List.of());
    for (int round = 0; ; round++) {
      CallRequest withList = withAccessList(request, list);
      AccessRecorder recorder = new AccessRecorder(run.state());
      Run recorded =
          new Run(run.processor(), run.precompiles(), recorder, run.block(), run.deadline());
      TransactionResult r = recorded.execute(recorded.gasLimit(withList, options), withList);
      List<AccessListEntry> next = merge(list, recorder.accessList(excluded));
      if (next.equals(list) || round == MAX_ACCESS_LIST_ROUNDS) {
        Optional<String> error =
            switch (toCallResult(r)) {
              case CallResult.Success s -> Optional.empty();
              case CallResult.Reverted rev -> Optional.of("execution reverted");
              case CallResult.Halted h -> Optional.of(h.error());
            };
        return new AccessListResult(next, r.gasUsed(), error);
      }
      list = next;
    }
  }

  /** {@code base} with the addresses and keys of {@code added} it lacks appended. */
  private static List<AccessListEntry> merge(
      List<AccessListEntry> base, List<AccessListEntry> added) {
    Map<Address, Set<Hash>> merged = new LinkedHashMap<>();
    for (List<AccessListEntry> l : List.of(base, added)) {
      for (AccessListEntry e : l) {
        merged.computeIfAbsent(e.address(), a -> new LinkedHashSet<>()).addAll(e.storageKeys());
      }
    }
    List<AccessListEntry> out = new ArrayList<>(merged.size());
    merged.forEach((a, keys) -> out.add(new AccessListEntry(a, new ArrayList<>(keys))));
    return out;
  }

  private static CallRequest withAccessList(CallRequest r, List<AccessListEntry> list) {
    return new CallRequest(
        r.from(),
        r.to(),
        r.gas(),
        r.gasPrice(),
        r.maxFeePerGas(),
        r.maxPriorityFeePerGas(),
        r.maxFeePerBlobGas(),
        r.value(),
        r.nonce(),
        r.input(),
        Optional.of(list),
        r.chainId(),
        r.blobVersionedHashes(),
        r.authorizationList());
  }

  static CallResult toCallResult(TransactionResult r) {
    return switch (r.status()) {
      case SUCCESS -> new CallResult.Success(Bytes.wrap(r.output()), r.gasUsed());
      case REVERT -> new CallResult.Reverted(Bytes.wrap(r.output()), r.gasUsed());
      case HALT ->
          new CallResult.Halted(
              r.haltReason().map(ExecutionCallExecutor::haltMessage).orElse("execution halted"),
              r.gasUsed());
    };
  }

  /** geth's wording of the EVM's errors. */
  static String haltMessage(io.opal.execution.evm.HaltReason reason) {
    return switch (reason) {
      case OUT_OF_GAS -> "out of gas";
      case STACK_UNDERFLOW -> "stack underflow";
      case STACK_OVERFLOW -> "stack limit reached 1024 (1023)";
      case INVALID_OPCODE -> "invalid opcode";
      case INVALID_JUMP -> "invalid jump destination";
      case STATIC_STATE_CHANGE -> "write protection";
      case RETURN_DATA_OUT_OF_BOUNDS -> "return data out of bounds";
      case CREATE_COLLISION -> "contract address collision";
      case CODE_SIZE_LIMIT -> "max code size exceeded";
      case INITCODE_SIZE_LIMIT -> "max initcode size exceeded";
      case INVALID_CODE_PREFIX -> "invalid code: must not begin with 0xef";
      case PRECOMPILE_FAILURE -> "precompiled contract failed";
      case NONCE_OVERFLOW -> "nonce uint64 overflow";
    };
  }

  /**
   * The run of one request on the state after {@code at}, read through {@code view}'s snapshot so
   * that a head moving meanwhile cannot mix two states into one call.
   */
  private Run prepare(ChainView view, CallRequest request, BlockHeader at, CallOptions options)
      throws RpcException {
    if (options.stateOverrides().values().stream()
        .anyMatch(o -> o.movePrecompileToAddress().isPresent())) {
      throw RpcException.invalidParams("movePrecompileToAddress is not supported");
    }
    StateReader base =
        view.stateAt(at.hash())
            .map(s -> (StateReader) s)
            .orElseThrow(
                () ->
                    RpcException.serverError("state for block #" + at.number() + " not available"));
    StateReader state =
        options.stateOverrides().isEmpty()
            ? base
            : new OverriddenState(base, options.stateOverrides());
    BlockEnv block = blockEnv(at, options, !hasFees(request));
    PrecompileSet precompiles = rules.precompiles(block.timestamp());
    TransactionProcessor processor =
        new TransactionProcessor(
            EvmSpec.of(rules.evmFork(block.timestamp())),
            precompiles,
            codeCache,
            // op-geth charges no L1 data or operator fee to a call; gas is bought and the
            // priority fee paid as usual.
            FeeHandler.ETHEREUM);
    return new Run(processor, precompiles, state, block, deadline(options));
  }

  private static long deadline(CallOptions options) {
    return options.timeout().isZero()
        ? Long.MAX_VALUE
        : System.nanoTime() + options.timeout().toNanos();
  }

  static boolean hasFees(CallRequest r) {
    return r.gasPrice().map(p -> !p.isZero()).orElse(false)
        || r.maxFeePerGas().map(p -> !p.isZero()).orElse(false)
        || r.maxPriorityFeePerGas().map(p -> !p.isZero()).orElse(false);
  }

  private BlockEnv blockEnv(BlockHeader h, CallOptions options, boolean noBaseFee) {
    long number = h.number();
    long time = h.timestamp();
    long gasLimit = h.gasLimit();
    Address coinbase = h.beneficiary();
    Hash randao = h.mixHash();
    UInt256 baseFee =
        h.baseFeePerGas().isPresent()
            ? UInt256.valueOf(new BigInteger(Long.toUnsignedString(h.baseFeePerGas().getAsLong())))
            : UInt256.ZERO;
    if (options.blockOverrides().isPresent()) {
      BlockOverrides o = options.blockOverrides().get();
      number = o.number().map(UInt256::toLong).orElse(number);
      time = o.time().orElse(time);
      gasLimit = o.gasLimit().orElse(gasLimit);
      coinbase = o.feeRecipient().orElse(coinbase);
      randao = o.prevRandao().orElse(randao);
      baseFee = o.baseFeePerGas().orElse(baseFee);
    }
    if (noBaseFee) {
      // geth's NoBaseFee: a call without a gas price runs with a zero base fee.
      baseFee = UInt256.ZERO;
    }
    return new BlockEnv(
        number,
        coinbase,
        time,
        gasLimit,
        baseFee,
        UInt256.ZERO,
        randao,
        h.excessBlobGas().orElse(0),
        rules.chainId(),
        n -> db.chain().canonicalHash(n).orElse(Hash.ZERO));
  }

  /** One request's processor, state and block. */
  record Run(
      TransactionProcessor processor,
      PrecompileSet precompiles,
      StateReader state,
      BlockEnv block,
      long deadline) {

    /** geth: the request's gas, else the block's gas limit; never above the cap. */
    long gasLimit(CallRequest request, CallOptions options) {
      long gas = request.gas().orElse(block.gasLimit());
      if (options.gasCap() != 0 && Long.compareUnsigned(gas, options.gasCap()) > 0) {
        gas = options.gasCap();
      }
      return gas;
    }

    long intrinsicGas(CallRequest request) {
      TxEnv env = env(request, 0);
      long intrinsic = IntrinsicGas.of(processor.spec(), env);
      long floor = processor.spec().hasCalldataFloor() ? IntrinsicGas.floor(env.data()) : 0;
      return Math.max(intrinsic, floor);
    }

    AccountState sender(CallRequest request) {
      return state.account(request.from().orElse(Address.ZERO)).orElse(AccountState.EMPTY);
    }

    TransactionResult execute(long gas, CallRequest request) throws RpcException {
      TxOutcome outcome = tryExecute(gas, request);
      return switch (outcome) {
        case TxOutcome.Executed e -> e.result();
        case TxOutcome.Rejected rej -> throw RpcException.serverError(rejection(rej, request));
      };
    }

    TxOutcome tryExecute(long gas, CallRequest request) throws RpcException {
      if (System.nanoTime() > deadline) {
        // The EVM cannot be stopped mid-run (the gas cap bounds a run); the deadline is checked
        // before each run, which bounds eth_estimateGas's and eth_createAccessList's repeats.
        throw new RpcException(RpcException.TIMEOUT, "execution aborted (timeout exceeded)");
      }
      // geth runs calls in an unlimited gas pool: a gas limit above the block's is allowed.
      BlockEnv b = block;
      if (Long.compareUnsigned(gas, block.gasLimit()) > 0) {
        b =
            new BlockEnv(
                block.number(),
                block.coinbase(),
                block.timestamp(),
                gas,
                block.baseFee(),
                block.difficulty(),
                block.prevRandao(),
                block.excessBlobGas(),
                block.chainId(),
                block.blockHashes());
      }
      return processor.execute(state, b, env(request, gas));
    }

    TxEnv env(CallRequest r, long gas) {
      Address from = r.from().orElse(Address.ZERO);
      // No nonce check in calls: the sender's current nonce is used whatever the request says.
      long nonce = state.account(from).map(AccountState::nonce).orElse(0L);
      UInt256 maxFee;
      UInt256 tip;
      int type;
      if (r.gasPrice().isPresent()) {
        maxFee = r.gasPrice().get();
        tip = maxFee;
        type = r.accessList().isPresent() ? 1 : 0;
      } else {
        maxFee = r.maxFeePerGas().orElse(UInt256.ZERO);
        tip = r.maxPriorityFeePerGas().orElse(UInt256.ZERO);
        if (r.maxFeePerGas().isEmpty() && !tip.isZero()) {
          maxFee = tip.add(block.baseFee());
        }
        type = 2;
      }
      if (!r.blobVersionedHashes().isEmpty()) {
        type = 3;
      }
      if (r.authorizationList().isPresent()) {
        type = 4;
      }
      return new TxEnv(
          type,
          from,
          r.to(),
          r.value().orElse(UInt256.ZERO),
          r.input().orElse(Bytes.EMPTY).toArray(),
          gas,
          nonce,
          maxFee,
          tip,
          r.accessList().orElse(List.of()),
          r.blobVersionedHashes(),
          r.maxFeePerBlobGas().orElse(UInt256.ZERO),
          r.authorizationList().orElse(List.of()));
    }

    private String rejection(TxOutcome.Rejected rej, CallRequest request) {
      String from = request.from().orElse(Address.ZERO).toString();
      return switch (rej.reason()) {
        case INSUFFICIENT_FUNDS ->
            "insufficient funds for gas * price + value: address "
                + from
                + " have "
                + sender(request).balance().toBigInteger()
                + " "
                + rej.detail();
        case INTRINSIC_GAS_TOO_LOW -> "intrinsic gas too low: " + rej.detail();
        case FEE_CAP_BELOW_BASE_FEE ->
            "max fee per gas less than block base fee: address "
                + from
                + ", baseFee: "
                + block.baseFee().toBigInteger();
        case PRIORITY_FEE_ABOVE_FEE_CAP ->
            "max priority fee per gas higher than max fee per gas: address " + from;
        case GAS_LIMIT_ABOVE_BLOCK -> "gas limit reached";
        case SENDER_NOT_EOA -> "sender not an eoa: address " + from;
        default -> rej.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      };
    }
  }
}
