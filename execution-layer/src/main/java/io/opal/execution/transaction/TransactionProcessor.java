package io.opal.execution.transaction;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.evm.Delegation;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.FramePool;
import io.opal.execution.evm.Interpreter;
import io.opal.execution.evm.Message;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.evm.TxContext;
import io.opal.execution.state.Account;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.JournaledState;
import io.opal.execution.state.StateReader;
import io.opal.execution.state.Word256;
import io.opal.execution.state.WorldState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.DepositTransaction;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Runs one transaction: validity checks, buying gas, nonce, warming, EIP-7702 authorizations,
 * execution, refunds, the EIP-7623 floor, fee payment and EIP-161 clearing. A rejected transaction
 * changes nothing.
 *
 * <p>Not thread-safe (it reuses call frames between transactions): one processor per thread.
 */
public final class TransactionProcessor {
  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final long BLOB_GAS_PER_BLOB = 131_072;
  private static final long AUTH_REFUND = 25_000 - 12_500;

  /** The caller of block-level system calls (EIP-4788, EIP-2935, EIP-7002, EIP-7251). */
  public static final Address SYSTEM_ADDRESS =
      Address.fromHex("0xfffffffffffffffffffffffffffffffffffffffe");

  /** The gas a system call gets (it is not charged to anyone). */
  public static final long SYSTEM_CALL_GAS = 30_000_000;

  private final EvmSpec spec;
  private final PrecompileSet precompiles;
  private final CodeCache codeCache;
  private final FeeHandler fees;
  private final FramePool frames = new FramePool();

  public TransactionProcessor(
      EvmSpec spec, PrecompileSet precompiles, CodeCache codeCache, FeeHandler fees) {
    this.spec = spec;
    this.precompiles = precompiles;
    this.codeCache = codeCache;
    this.fees = fees;
  }

  public EvmSpec spec() {
    return spec;
  }

  /** Executes {@code tx} and applies its changes to {@code world} unless it is rejected. */
  public TxOutcome apply(WorldState world, BlockEnv block, TxEnv tx) {
    TxOutcome outcome = execute(world, block, tx);
    if (outcome instanceof TxOutcome.Executed e) {
      world.apply(e.result().changes());
    }
    return outcome;
  }

  /** Executes {@code tx} on a view of {@code world}; the changes are returned, not applied. */
  public TxOutcome execute(StateReader world, BlockEnv block, TxEnv tx) {
    return execute(world, block, tx, fees);
  }

  /**
   * Like {@link #execute(StateReader, BlockEnv, TxEnv)} with {@code fees} instead of the
   * processor's fee handler for this one transaction (the OP Stack's L1 data fee depends on the
   * transaction's envelope, which the handler carries).
   */
  public TxOutcome execute(StateReader world, BlockEnv block, TxEnv tx, FeeHandler fees) {
    JournaledState state = new JournaledState(world);
    Account sender = state.account(tx.caller());
    BigInteger blobBaseFee = block.blobBaseFee(spec).toBigInteger();
    InvalidTransaction invalid = checkStatic(tx, block, blobBaseFee);
    if (invalid == null) {
      invalid = checkSender(state, sender, tx);
    }
    if (invalid != null) {
      return new TxOutcome.Rejected(invalid, "");
    }
    BigInteger baseFee = spec.hasBaseFee() ? block.baseFee().toBigInteger() : BigInteger.ZERO;
    BigInteger maxFee = tx.maxFeePerGas().toBigInteger();
    BigInteger price =
        spec.hasBaseFee()
            ? maxFee.min(baseFee.add(tx.maxPriorityFeePerGas().toBigInteger()))
            : maxFee;
    BigInteger gasLimit = BigInteger.valueOf(tx.gasLimit());
    BigInteger blobGas = BigInteger.valueOf(BLOB_GAS_PER_BLOB * tx.blobVersionedHashes().size());
    BigInteger upfront = fees.upfrontCost(tx, block).toBigInteger();
    BigInteger balanceNeeded =
        gasLimit
            .multiply(maxFee)
            .add(tx.value().toBigInteger())
            .add(blobGas.multiply(tx.maxFeePerBlobGas().toBigInteger()))
            .add(upfront);
    if (balanceNeeded.compareTo(MAX_UINT256) > 0
        || sender.balance().toBigInteger().compareTo(balanceNeeded) < 0) {
      return new TxOutcome.Rejected(InvalidTransaction.INSUFFICIENT_FUNDS, "need " + balanceNeeded);
    }
    long intrinsic = IntrinsicGas.of(spec, tx);
    long floor = spec.hasCalldataFloor() ? IntrinsicGas.floor(tx.data()) : 0;
    if (tx.gasLimit() < intrinsic || tx.gasLimit() < floor) {
      return new TxOutcome.Rejected(
          InvalidTransaction.INTRINSIC_GAS_TOO_LOW, "need " + Math.max(intrinsic, floor));
    }
    BigInteger blobFee = blobGas.multiply(blobBaseFee);
    state.subtractBalance(
        sender, UInt256.valueOf(gasLimit.multiply(price).add(blobFee).add(upfront)));
    return new TxOutcome.Executed(
        run(state, sender, block, tx, fees, intrinsic, floor, price, baseFee, blobFee, upfront));
  }

  /**
   * Executes an OP Stack deposit (type 0x7E, specs/protocol/deposits.md) on a view of {@code
   * world}; the changes are returned, not applied. A deposit is never rejected: {@code mint} is
   * credited first and kept whatever happens; no signature, nonce, EOA or fee checks; no fee is
   * paid and no gas refunded as ether. A deposit that cannot run (too little gas, a value its
   * sender cannot pay, oversized init code, a system transaction after Regolith) fails with every
   * change but the mint undone, its sender's nonce incremented and its whole gas limit used.
   *
   * @param regolith whether Regolith rules apply: before it, a deposit reports its whole gas limit
   *     as used (a system transaction none) whatever it used; from it, the gas it actually used
   */
  public TransactionResult executeDeposit(
      StateReader world, BlockEnv block, DepositTransaction deposit, boolean regolith) {
    return new DepositExecution(this, spec).execute(world, block, deposit, regolith);
  }

  /**
   * Runs one message call at depth 0 without a transaction around it: no nonce, no intrinsic gas,
   * no gas purchase, no refund; the caller, the target and the precompiles are warm as in a
   * transaction. For benchmarks and simulations; the state changes are discarded.
   */
  public MessageResult call(
      StateReader world,
      BlockEnv block,
      Address caller,
      Address to,
      UInt256 value,
      byte[] input,
      long gas) {
    JournaledState state = new JournaledState(world);
    if (spec.hasAccessLists()) {
      state.warmAddress(caller);
      state.warmAddress(to);
      for (Address p : precompiles.addresses()) {
        state.warmAddress(p);
      }
    }
    Interpreter evm =
        new Interpreter(
            spec,
            state,
            block,
            new TxContext(caller, UInt256.ZERO, List.of()),
            precompiles,
            codeCache,
            frames);
    return evm.execute(Message.call(caller, to, value, input, gas));
  }

  /**
   * A block-level system call (for example EIP-2935's history contract or EIP-4788's beacon roots
   * contract): a message from {@link #SYSTEM_ADDRESS} with {@link #SYSTEM_CALL_GAS}, no value, no
   * nonce, no fees; the changes are applied to {@code world} with EIP-161 clearing. A target
   * without code makes it a no-op.
   */
  public MessageResult systemCall(WorldState world, BlockEnv block, Address to, byte[] input) {
    JournaledState state = new JournaledState(world);
    if (spec.hasAccessLists()) {
      state.warm(state.account(to));
    }
    Interpreter evm =
        new Interpreter(
            spec,
            state,
            block,
            new TxContext(SYSTEM_ADDRESS, UInt256.ZERO, List.of()),
            precompiles,
            codeCache,
            frames);
    MessageResult r =
        evm.execute(Message.call(SYSTEM_ADDRESS, to, UInt256.ZERO, input, SYSTEM_CALL_GAS));
    world.apply(state.changes(spec.clearsEmptyAccounts()));
    return r;
  }

  /** Rules that depend on the transaction and block only. */
  private InvalidTransaction checkStatic(TxEnv tx, BlockEnv block, BigInteger blobBaseFee) {
    if (!spec.supportsTxType(tx.type())) {
      return InvalidTransaction.TYPE_NOT_SUPPORTED;
    }
    if (tx.gasLimit() < 0 || tx.gasLimit() > block.gasLimit()) {
      return InvalidTransaction.GAS_LIMIT_ABOVE_BLOCK;
    }
    if (spec.hasBaseFee()) {
      if (tx.maxFeePerGas().compareTo(tx.maxPriorityFeePerGas()) < 0) {
        return InvalidTransaction.PRIORITY_FEE_ABOVE_FEE_CAP;
      }
      if (tx.maxFeePerGas().compareTo(block.baseFee()) < 0) {
        return InvalidTransaction.FEE_CAP_BELOW_BASE_FEE;
      }
    }
    if (tx.type() == 3) {
      if (tx.isCreate()) {
        return InvalidTransaction.BLOB_TX_CREATE;
      }
      List<Hash> hashes = tx.blobVersionedHashes();
      if (hashes.isEmpty()) {
        return InvalidTransaction.NO_BLOBS;
      }
      if (hashes.size() > spec.maxBlobsPerBlock()) {
        return InvalidTransaction.TOO_MANY_BLOBS;
      }
      for (Hash h : hashes) {
        if (h.toArray()[0] != 0x01) {
          return InvalidTransaction.INVALID_BLOB_VERSION;
        }
      }
      if (tx.maxFeePerBlobGas().toBigInteger().compareTo(blobBaseFee) < 0) {
        return InvalidTransaction.BLOB_FEE_CAP_TOO_LOW;
      }
    }
    if (tx.type() == 4) {
      if (tx.isCreate()) {
        return InvalidTransaction.SET_CODE_TX_CREATE;
      }
      if (tx.authorizations().isEmpty()) {
        return InvalidTransaction.EMPTY_AUTHORIZATION_LIST;
      }
    }
    if (tx.isCreate() && tx.data().length > spec.maxInitcodeSize()) {
      return InvalidTransaction.INITCODE_TOO_LARGE;
    }
    return null;
  }

  private InvalidTransaction checkSender(JournaledState state, Account sender, TxEnv tx) {
    long nonce = sender.nonce();
    int cmp = Long.compareUnsigned(nonce, tx.nonce());
    if (cmp < 0) {
      return InvalidTransaction.NONCE_TOO_HIGH;
    }
    if (cmp > 0) {
      return InvalidTransaction.NONCE_TOO_LOW;
    }
    if (nonce == -1L) {
      return InvalidTransaction.NONCE_MAX; // EIP-2681
    }
    if (sender.hasCode()) {
      byte[] code = state.code(sender);
      if (!(spec.hasDelegations() && Delegation.isDesignator(code))) {
        return InvalidTransaction.SENDER_NOT_EOA; // EIP-3607
      }
    }
    return null;
  }

  private TransactionResult run(
      JournaledState state,
      Account sender,
      BlockEnv block,
      TxEnv tx,
      FeeHandler fees,
      long intrinsic,
      long floor,
      BigInteger price,
      BigInteger baseFee,
      BigInteger blobFee,
      BigInteger upfront) {
    UInt256 gasPrice = UInt256.valueOf(price);
    MessageResult r = runMessage(state, sender, block, tx, tx.gasLimit() - intrinsic, gasPrice);

    long gasLeft = r.gasLeft();
    long used = tx.gasLimit() - gasLeft;
    long refund = Math.min(state.refund(), used / spec.refundQuotient());
    gasLeft += refund;
    used -= refund;
    if (used < floor) {
      used = floor;
      gasLeft = tx.gasLimit() - floor;
    }
    state.addBalance(sender, UInt256.valueOf(BigInteger.valueOf(gasLeft).multiply(price)));
    UInt256 tip = UInt256.valueOf(price.subtract(baseFee).max(BigInteger.ZERO));
    fees.settle(
        state,
        new FeeHandler.Settlement(
            block, tx, used, gasPrice, tip, UInt256.valueOf(blobFee), UInt256.valueOf(upfront)));
    List<AccountUpdate> changes = state.changes(spec.clearsEmptyAccounts());
    return new TransactionResult(
        r.status(),
        used,
        refund,
        List.copyOf(state.logs()),
        r.createdAddress(),
        r.output(),
        r.haltReason(),
        changes);
  }

  /**
   * What every transaction does once its gas is paid for: increments the sender's nonce, warms the
   * accounts and slots EIP-2929/2930/3651 name, applies EIP-7702 authorizations and runs the
   * message with {@code gas} (the gas limit less the intrinsic gas).
   */
  MessageResult runMessage(
      JournaledState state, Account sender, BlockEnv block, TxEnv tx, long gas, UInt256 gasPrice) {
    long nonce = sender.nonce();
    state.setNonce(sender, nonce + 1);
    warm(state, block, tx);
    if (tx.type() == 4) {
      for (Authorization auth : tx.authorizations()) {
        applyAuthorization(state, block, auth);
      }
    }
    Message message;
    if (tx.isCreate()) {
      Address created = ContractAddress.create(tx.caller(), nonce);
      message = Message.create(tx.caller(), created, tx.value(), tx.data(), gas);
    } else {
      Address to = tx.to().get();
      if (spec.hasDelegations()) {
        Account target = state.account(to);
        if (target.hasCode()) {
          Address delegate = Delegation.target(state.code(target));
          if (delegate != null) {
            state.warm(state.account(delegate));
          }
        }
      }
      message = Message.call(tx.caller(), to, tx.value(), tx.data(), gas);
    }
    Interpreter evm =
        new Interpreter(
            spec,
            state,
            block,
            new TxContext(tx.caller(), gasPrice, tx.blobVersionedHashes()),
            precompiles,
            codeCache,
            frames);
    return evm.execute(message);
  }

  /** EIP-2929/2930/3651: what is warm before the first instruction. */
  private void warm(JournaledState state, BlockEnv block, TxEnv tx) {
    if (!spec.hasAccessLists()) {
      return;
    }
    // Warming marks addresses and slots without reading them: a stateless witness need not
    // hold accounts or slots that are warmed but never used.
    state.warmAddress(tx.caller());
    tx.to().ifPresent(state::warmAddress);
    for (Address p : precompiles.addresses()) {
      state.warmAddress(p);
    }
    for (AccessListEntry item : tx.accessList()) {
      state.warmAddress(item.address());
      for (Hash key : item.storageKeys()) {
        state.warmSlot(item.address(), Word256.fromBytes(key.toArray()));
      }
    }
    if (spec.warmsCoinbase()) {
      state.warmAddress(block.coinbase());
    }
  }

  /** EIP-7702: an invalid authorization is skipped, not an error. */
  private void applyAuthorization(JournaledState state, BlockEnv block, Authorization auth) {
    // Chain id 0 or ours, nonce below 2^64 - 1 (EIP-2681), a valid low-s signature.
    Optional<Address> authority = auth.authority(block.chainId());
    if (authority.isEmpty()) {
      return;
    }
    Account a = state.account(authority.get());
    state.warm(a); // even when the rest of the checks fail
    if (a.hasCode() && !Delegation.isDesignator(state.code(a))) {
      return;
    }
    if (a.nonce() != auth.nonce()) {
      return;
    }
    if (a.exists()) {
      state.addRefund(AUTH_REFUND);
    }
    state.setNonce(a, auth.nonce() + 1);
    boolean clear = auth.address().equals(Address.ZERO);
    state.setCode(a, clear ? new byte[0] : Delegation.designator(auth.address()));
  }
}
