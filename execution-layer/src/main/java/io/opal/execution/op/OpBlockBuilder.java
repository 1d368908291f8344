package io.opal.execution.op;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.evm.precompile.Precompiles;
import io.opal.execution.op.BlockValidationException.Reason;
import io.opal.execution.op.TxInclusion.Cause;
import io.opal.execution.op.TxInclusion.Included;
import io.opal.execution.op.TxInclusion.NotIncluded;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.WorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TransactionResult;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.DepositReceipt;
import io.opal.primitives.block.EncodedItems;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.trie.MerklePatriciaTrie;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionValidator;
import io.opal.primitives.tx.TxType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * One OP block being built or replayed: created by {@link OpBlockExecutor} (which has already run
 * the block-start system calls), fed transactions in order ({@link #addForced} for those the block
 * must contain, {@link #tryAdd} for pool candidates), then {@link #seal}ed. Every transaction's
 * changes are applied to the world state as it goes in.
 *
 * <p>Not thread-safe: one builder per block, on one thread.
 */
public final class OpBlockBuilder {
  private final RollupConfig config;
  private final OpFork fork;
  private final BlockTemplate template;
  private final WorldState world;
  private final TransactionProcessor processor;
  private final TransactionValidator validator;
  private final BlockEnv env;
  private final UInt256 baseFee;
  private final List<ExecutedTransaction> included = new ArrayList<>();
  // The header's transactions and receipts tries, grown as transactions go in so that their roots
  // can be hashed ahead of sealing (prepareSeal) and only the rest at seal.
  private final MerklePatriciaTrie transactionsTrie = new MerklePatriciaTrie();
  // The body and receipts items as stored, encoded as transactions are included (not at seal).
  private final EncodedItems.Builder encoded = new EncodedItems.Builder();
  private final MerklePatriciaTrie receiptsTrie = new MerklePatriciaTrie();
  private final byte[] bloom = new byte[io.opal.primitives.block.Bloom.SIZE];
  private long gasUsed;
  private long daFootprint;
  private RollupFees fees; // read from the L1Block contract at the first sequenced transaction
  private int daFootprintGasScalar =
      -2; // Jovian: from the L1-info deposit once needed (-2: not yet)

  OpBlockBuilder(
      RollupConfig config,
      CodeCache codeCache,
      BlockTemplate template,
      WorldState world,
      BlockHashLookup ancestors) {
    this.config = config;
    this.fork = config.forkAt(template.timestamp());
    this.template = template;
    this.world = world;
    this.processor =
        new TransactionProcessor(
            EvmSpec.of(fork.evmFork()),
            PrecompileSet.of(Precompiles.forOpFork(fork)),
            codeCache,
            FeeHandler.ETHEREUM); // replaced per transaction by an OpFeeHandler
    this.validator = new TransactionValidator(fork.evmFork(), config.l2ChainId());
    this.baseFee = UInt256.valueOf(new BigInteger(Long.toUnsignedString(template.baseFee())));
    this.env =
        new BlockEnv(
            template.number(),
            template.beneficiary(),
            template.timestamp(),
            template.gasLimit(),
            baseFee,
            UInt256.ZERO,
            template.prevRandao(),
            0, // OP chains have no blobs: excessBlobGas stays 0, so BLOBBASEFEE is 1
            config.l2ChainId(),
            ancestors);
    BlockStart.run(config, fork, template, world, processor, env);
  }

  public OpFork fork() {
    return fork;
  }

  /** Gas used so far. */
  public long gasUsed() {
    return gasUsed;
  }

  /** Gas left for further transactions (unsigned arithmetic: never below zero). */
  public long gasLeft() {
    return Long.compareUnsigned(gasUsed, template.gasLimit()) >= 0
        ? 0
        : template.gasLimit() - gasUsed;
  }

  /** The transactions included so far. */
  public List<ExecutedTransaction> transactions() {
    return List.copyOf(included);
  }

  /**
   * Includes a transaction the block must contain (a deposit, or a sequenced transaction of
   * attributes or of a received block).
   *
   * @throws BlockValidationException when it cannot be included: the block is invalid
   */
  public ExecutedTransaction addForced(Transaction tx) throws BlockValidationException {
    int index = included.size();
    byte[] envelope = TransactionCodec.encode(tx);
    if (tx instanceof DepositTransaction deposit) {
      return includeDeposit(deposit, envelope, index);
    }
    SignedTransaction signed = (SignedTransaction) tx;
    TransactionValidator.Outcome checked = validator.validateAndRecover(signed);
    if (checked instanceof TransactionValidator.Invalid invalid) {
      throw new BlockValidationException(
          Reason.INVALID_TRANSACTION, index, "transaction " + index + ": " + invalid.error());
    }
    Address sender = ((TransactionValidator.Valid) checked).sender();
    return includeForced(signed, sender, envelope, index);
  }

  /**
   * {@link #addForced(Transaction)} for a signed transaction whose sender the caller has already
   * recovered (on another thread, say): the static rules are checked, the recovery is not redone. A
   * caller whose recovery failed uses {@link #addForced(Transaction)}, which names the error.
   */
  public ExecutedTransaction addForced(SignedTransaction tx, Address recoveredSender)
      throws BlockValidationException {
    int index = included.size();
    Optional<io.opal.primitives.tx.TransactionError> error = validator.validate(tx);
    if (error.isPresent()) {
      throw new BlockValidationException(
          Reason.INVALID_TRANSACTION, index, "transaction " + index + ": " + error.get());
    }
    return includeForced(tx, recoveredSender, TransactionCodec.encode(tx), index);
  }

  private ExecutedTransaction includeForced(
      SignedTransaction signed, Address sender, byte[] envelope, int index)
      throws BlockValidationException {
    TxInclusion result = executeSequenced(signed, sender, envelope, index);
    if (result instanceof NotIncluded n) {
      Reason reason =
          n.cause() == Cause.GAS_LIMIT_REACHED || n.cause() == Cause.DA_LIMIT_REACHED
              ? Reason.GAS_LIMIT_EXCEEDED
              : Reason.INVALID_TRANSACTION;
      throw new BlockValidationException(reason, index, "transaction " + index + ": " + n.detail());
    }
    return ((Included) result).transaction();
  }

  /**
   * Offers a pool transaction (its sender already recovered and its signature checked by the pool):
   * included if it is valid and fits, otherwise left out with the block unchanged.
   *
   * @throws BlockValidationException only when the block itself is broken (a Jovian block whose
   *     L1-info deposit is missing or malformed)
   */
  public TxInclusion tryAdd(TransactionSource.Candidate candidate) throws BlockValidationException {
    return executeSequenced(
        candidate.transaction(), candidate.sender(), candidate.envelope(), included.size());
  }

  private ExecutedTransaction includeDeposit(DepositTransaction d, byte[] envelope, int index)
      throws BlockValidationException {
    boolean regolith = fork.isAtLeast(OpFork.REGOLITH);
    // System transactions (before Regolith) do not draw from the block's gas, but their gas must
    // still be a gas amount the EVM can run with.
    long cap = d.isSystemTx() ? Long.MAX_VALUE : gasLeft();
    if (Long.compareUnsigned(d.gasLimit(), cap) > 0) {
      throw new BlockValidationException(
          Reason.GAS_LIMIT_EXCEEDED,
          index,
          "deposit "
              + index
              + " has gas limit "
              + Long.toUnsignedString(d.gasLimit())
              + ", the block has "
              + gasLeft()
              + " left");
    }
    long nonce = world.account(d.from()).map(AccountState::nonce).orElse(0L);
    TransactionResult r = processor.executeDeposit(world, env, d, regolith);
    world.apply(r.changes());
    gasUsed += r.gasUsed();
    OptionalLong depositNonce = regolith ? OptionalLong.of(nonce) : OptionalLong.empty();
    OptionalLong version =
        fork.isAtLeast(OpFork.CANYON)
            ? OptionalLong.of(DepositReceipt.RECEIPT_VERSION)
            : OptionalLong.empty();
    Receipt receipt =
        new DepositReceipt(
            r.isSuccess(),
            gasUsed,
            io.opal.primitives.block.Bloom.of(r.logs()),
            r.logs(),
            depositNonce,
            version);
    Optional<Address> created =
        d.to().isEmpty() ? Optional.of(ContractAddress.create(d.from(), nonce)) : Optional.empty();
    return record(
        new ExecutedTransaction(
            d,
            Hash.keccak(envelope),
            d.from(),
            receipt,
            r.gasUsed(),
            UInt256.ZERO,
            created,
            Optional.empty()),
        envelope);
  }

  private TxInclusion executeSequenced(
      SignedTransaction tx, Address sender, byte[] envelope, int index)
      throws BlockValidationException {
    if (tx.type() == TxType.BLOB) {
      return new NotIncluded(Cause.INVALID, "blob transactions are disabled on OP chains");
    }
    if (!tx.type().isSupportedAt(fork.evmFork())) {
      return new NotIncluded(Cause.INVALID, tx.type() + " transactions are not active at " + fork);
    }
    if (Long.compareUnsigned(tx.gasLimit(), gasLeft()) > 0) {
      return new NotIncluded(
          Cause.GAS_LIMIT_REACHED,
          "gas limit "
              + Long.toUnsignedString(tx.gasLimit())
              + " above the "
              + gasLeft()
              + " left");
    }
    RollupFees rollupFees = fees();
    RollupCostData cost = RollupCostData.of(envelope);
    long footprint = 0;
    if (fork.isAtLeast(OpFork.JOVIAN)) {
      int scalar = daFootprintGasScalar();
      if (scalar < 0) {
        return new NotIncluded(
            Cause.INVALID, "the Jovian activation block cannot contain sequenced transactions");
      }
      footprint = RollupFees.daFootprint(cost, scalar);
      if (Long.compareUnsigned(daFootprint + footprint, template.gasLimit()) > 0) {
        return new NotIncluded(
            Cause.DA_LIMIT_REACHED, "DA footprint " + footprint + " does not fit in the block");
      }
    }
    RollupFees.L1Cost l1 = rollupFees.l1Cost(cost);
    TxOutcome outcome =
        processor.execute(world, env, TxEnv.of(tx, sender), new OpFeeHandler(rollupFees, l1.fee()));
    if (outcome instanceof TxOutcome.Rejected rejected) {
      return NotIncluded.of(rejected);
    }
    TransactionResult r = ((TxOutcome.Executed) outcome).result();
    world.apply(r.changes());
    gasUsed += r.gasUsed();
    daFootprint += footprint;
    Receipt receipt = EthereumReceipt.of(tx.type(), r.isSuccess(), gasUsed, r.logs());
    Optional<Address> created =
        tx.to().isEmpty()
            ? Optional.of(ContractAddress.create(sender, tx.nonce()))
            : Optional.empty();
    RollupFeeDetails details = feeDetails(rollupFees, l1, footprint);
    return new Included(
        record(
            new ExecutedTransaction(
                tx,
                Hash.keccak(envelope),
                sender,
                receipt,
                r.gasUsed(),
                tx.effectiveGasPrice(baseFee),
                created,
                Optional.of(details)),
            envelope));
  }

  private ExecutedTransaction record(ExecutedTransaction t, byte[] envelope) {
    byte[] key = RlpWriter.encodeLong(included.size());
    transactionsTrie.put(key, envelope);
    receiptsTrie.put(key, t.receipt().encodeForReceiptsRoot());
    encoded.add(envelope, t.receipt());
    byte[] logsBloom = t.receipt().logsBloom().bytes().toArrayUnsafe();
    for (int i = 0; i < bloom.length; i++) {
      bloom[i] |= logsBloom[i];
    }
    included.add(t);
    return t;
  }

  /**
   * Hashes what the block holds so far (state, transactions and receipts tries), so that a later
   * {@link #seal} only hashes what changes after this call. For a builder that has idle time.
   */
  public void prepareSeal() {
    world.stateRoot();
    transactionsTrie.rootHash();
    receiptsTrie.rootHash();
  }

  /**
   * The block's rollup fees, read from the L1Block contract when the first sequenced transaction
   * needs them: after the deposits, which may have updated it (op-geth reads them at the same
   * point; no sequenced transaction can change them).
   */
  private RollupFees fees() {
    if (fees == null) {
      fees = RollupFees.of(fork, L1FeeParams.readFrom(world, fork));
    }
    return fees;
  }

  /**
   * Jovian's DA footprint gas scalar, from the block's L1-info deposit (op-geth's CalcDAFootprint):
   * the Jovian calldata's last two bytes. -1 in the Jovian activation block, whose deposit still
   * has the Isthmus format and which may hold no sequenced transaction.
   */
  private int daFootprintGasScalar() throws BlockValidationException {
    if (daFootprintGasScalar != -2) {
      return daFootprintGasScalar;
    }
    if (included.isEmpty() || !(included.get(0).transaction() instanceof DepositTransaction info)) {
      throw new BlockValidationException(
          Reason.INVALID_L1_INFO, "a Jovian block must start with the L1-info deposit");
    }
    byte[] data = info.data().toArrayUnsafe();
    if (data.length == L1BlockInfo.Format.ISTHMUS.length()) {
      daFootprintGasScalar = -1;
      return daFootprintGasScalar;
    }
    L1BlockInfo l1Info;
    try {
      l1Info = L1BlockInfo.decode(data);
    } catch (io.opal.primitives.DecodingException e) {
      throw new BlockValidationException(
          Reason.INVALID_L1_INFO, "malformed L1-info deposit: " + e.getMessage());
    }
    if (l1Info.format() != L1BlockInfo.Format.JOVIAN) {
      throw new BlockValidationException(
          Reason.INVALID_L1_INFO, "a Jovian block's L1-info deposit has format " + l1Info.format());
    }
    daFootprintGasScalar = l1Info.daFootprintGasScalar();
    return daFootprintGasScalar;
  }

  private RollupFeeDetails feeDetails(RollupFees f, RollupFees.L1Cost l1, long footprint) {
    L1FeeParams p = f.params();
    boolean preEcotone =
        f.formula() == RollupFees.Formula.BEDROCK || f.formula() == RollupFees.Formula.REGOLITH;
    boolean jovian = fork.isAtLeast(OpFork.JOVIAN);
    return new RollupFeeDetails(
        l1.fee(),
        l1.gasUsed(),
        p.l1BaseFee(),
        p.l1BlobBaseFee(),
        preEcotone ? p.scalar() : BigInteger.ZERO,
        p.baseFeeScalar(),
        p.blobBaseFeeScalar(),
        p.operatorFeeScalar(),
        p.operatorFeeConstant(),
        jovian ? OptionalInt.of(daFootprintGasScalar) : OptionalInt.empty(),
        jovian ? OptionalLong.of(footprint) : OptionalLong.empty());
  }

  /**
   * Finishes the block: state root, receipts, roots and every header field of the fork.
   *
   * @throws BlockValidationException when a Jovian block lacks a usable L1-info deposit
   */
  public ExecutedBlock seal() throws BlockValidationException {
    if (fork.isAtLeast(OpFork.JOVIAN)) {
      daFootprintGasScalar(); // op-geth checks the L1-info deposit of every Jovian block
    }
    return BlockSeal.seal(
        config,
        fork,
        template,
        world,
        included,
        new BlockSeal.Roots(
            transactionsTrie.rootHash(),
            receiptsTrie.rootHash(),
            io.opal.primitives.block.Bloom.wrap(bloom.clone())),
        gasUsed,
        daFootprint,
        Optional.of(encoded.build()));
  }
}
