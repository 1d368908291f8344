package io.opal.execution.l1chain;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.BlockValidationException.Reason;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.ExecutedTransaction;
import io.opal.execution.op.TransactionSource;
import io.opal.execution.op.TxInclusion;
import io.opal.execution.op.TxInclusion.Cause;
import io.opal.execution.op.TxInclusion.Included;
import io.opal.execution.op.TxInclusion.NotIncluded;
import io.opal.execution.state.Account;
import io.opal.execution.state.JournaledState;
import io.opal.execution.state.WorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TransactionResult;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.block.Withdrawal;
import io.opal.primitives.trie.OrderedTrie;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionValidator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * One L1 block being built or replayed on its parent's state: the block-start system calls run on
 * construction (EIP-4788 beacon root, and from Prague EIP-2935 parent hash), then transactions go
 * in ({@link #addForced} for a block's own, {@link #tryAdd} for pool candidates), then {@link
 * #seal} processes withdrawals and assembles the header. Tips go to the coinbase, base and blob
 * fees are burned ({@link FeeHandler#ETHEREUM}).
 *
 * <p>Not thread-safe: one builder per block, on one thread.
 */
public final class L1BlockBuilder {
  /** The cheapest transaction costs 21000 gas: below that nothing more fits. */
  private static final long MIN_TX_GAS = 21_000;

  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private final L1Rules rules;
  private final BlockHeader parent;
  private final L1BlockAttributes attributes;
  private final WorldState world;
  private final TransactionProcessor processor;
  private final TransactionValidator validator;
  private final BlockEnv env;
  private final long baseFee;
  private final long excessBlobGas;
  private final List<ExecutedTransaction> included = new ArrayList<>();
  private long gasUsed;
  private long blobGasUsed;

  public L1BlockBuilder(
      L1Rules rules,
      CodeCache codeCache,
      BlockHeader parent,
      WorldState world,
      L1BlockAttributes attributes,
      BlockHashLookup ancestors) {
    this.rules = rules;
    this.parent = parent;
    this.attributes = attributes;
    this.world = world;
    this.baseFee = L1Rules.nextBaseFee(parent);
    this.excessBlobGas = rules.nextExcessBlobGas(parent);
    this.processor =
        new TransactionProcessor(
            EvmSpec.of(rules.fork()),
            PrecompileSet.ethereum(rules.fork()),
            codeCache,
            FeeHandler.ETHEREUM);
    this.validator = new TransactionValidator(rules.fork(), rules.chainId());
    long parentNumber = parent.number();
    Hash parentHash = parent.hash();
    this.env =
        new BlockEnv(
            parentNumber + 1,
            attributes.coinbase(),
            attributes.timestamp(),
            attributes.gasLimit(),
            unsigned(baseFee),
            UInt256.ZERO,
            attributes.prevRandao(),
            excessBlobGas,
            rules.chainId(),
            n -> n == parentNumber ? parentHash : ancestors.hash(n));
    processor.systemCall(
        world, env, L1SystemContracts.BEACON_ROOTS, attributes.parentBeaconBlockRoot().toArray());
    if (rules.hasHistoryContract()) {
      processor.systemCall(world, env, L1SystemContracts.HISTORY_STORAGE, parentHash.toArray());
    }
  }

  public long baseFee() {
    return baseFee;
  }

  public long excessBlobGas() {
    return excessBlobGas;
  }

  /** The blob base fee of this block. */
  public BigInteger blobBaseFee() {
    return rules.blobBaseFee(excessBlobGas);
  }

  public long gasLeft() {
    return Long.compareUnsigned(gasUsed, attributes.gasLimit()) >= 0
        ? 0
        : attributes.gasLimit() - gasUsed;
  }

  public long blobGasLeft() {
    return rules.maxBlobGas() - blobGasUsed;
  }

  public List<ExecutedTransaction> transactions() {
    return List.copyOf(included);
  }

  /**
   * Includes one of a received block's transactions.
   *
   * @throws BlockValidationException if it is invalid or does not fit: the block is invalid
   */
  public ExecutedTransaction addForced(Transaction tx) throws BlockValidationException {
    int index = included.size();
    if (!(tx instanceof SignedTransaction signed)) {
      throw new BlockValidationException(
          Reason.INVALID_TRANSACTION, index, "transaction " + index + ": deposits are OP-only");
    }
    TransactionValidator.Outcome checked = validator.validateAndRecover(signed);
    if (checked instanceof TransactionValidator.Invalid invalid) {
      throw new BlockValidationException(
          Reason.INVALID_TRANSACTION, index, "transaction " + index + ": " + invalid.error());
    }
    Address sender = ((TransactionValidator.Valid) checked).sender();
    TxInclusion r = add(signed, sender, TransactionCodec.encode(signed));
    if (r instanceof NotIncluded n) {
      Reason reason =
          n.cause() == Cause.GAS_LIMIT_REACHED
              ? Reason.GAS_LIMIT_EXCEEDED
              : Reason.INVALID_TRANSACTION;
      throw new BlockValidationException(reason, index, "transaction " + index + ": " + n.detail());
    }
    return ((Included) r).transaction();
  }

  /** Offers a pool candidate (sender already recovered): included if valid and it fits. */
  public TxInclusion tryAdd(TransactionSource.Candidate c) {
    return add(c.transaction(), c.sender(), c.envelope());
  }

  /** Takes candidates in the source's order until it is empty or the block is full. */
  public void fill(TransactionSource source) {
    while (gasLeft() >= MIN_TX_GAS) {
      Optional<TransactionSource.Candidate> next = source.next();
      if (next.isEmpty()) {
        return;
      }
      TxInclusion r = tryAdd(next.get());
      if (r instanceof NotIncluded n && n.cause() != Cause.NONCE_TOO_LOW) {
        source.skipSender(next.get().sender()); // its later nonces cannot run without this one
      }
    }
  }

  private TxInclusion add(SignedTransaction tx, Address sender, byte[] envelope) {
    if (!tx.type().isSupportedAt(rules.fork())) {
      return new NotIncluded(Cause.INVALID, tx.type() + " transactions are not active");
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
    long blobGas = L1Rules.GAS_PER_BLOB * tx.blobVersionedHashes().size();
    if (blobGas > blobGasLeft()) {
      return new NotIncluded(
          Cause.GAS_LIMIT_REACHED,
          "blob gas " + blobGas + " above the " + blobGasLeft() + " left in the block");
    }
    TxOutcome outcome = processor.execute(world, env, TxEnv.of(tx, sender));
    if (outcome instanceof TxOutcome.Rejected rejected) {
      return NotIncluded.of(rejected);
    }
    TransactionResult r = ((TxOutcome.Executed) outcome).result();
    world.apply(r.changes());
    gasUsed += r.gasUsed();
    blobGasUsed += blobGas;
    Receipt receipt = EthereumReceipt.of(tx.type(), r.isSuccess(), gasUsed, r.logs());
    Optional<Address> created =
        tx.to().isEmpty()
            ? Optional.of(ContractAddress.create(sender, tx.nonce()))
            : Optional.empty();
    ExecutedTransaction done =
        new ExecutedTransaction(
            tx,
            Hash.keccak(envelope),
            sender,
            receipt,
            r.gasUsed(),
            tx.effectiveGasPrice(unsigned(baseFee)),
            created,
            Optional.empty());
    included.add(done);
    return new Included(done);
  }

  private static UInt256 unsigned(long v) {
    return UInt256.valueOf(new BigInteger(Long.toUnsignedString(v)));
  }

  /** Credits the withdrawals (EIP-4895, amounts in gwei) and assembles the block. */
  public ExecutedBlock seal(List<Withdrawal> withdrawals) {
    if (!withdrawals.isEmpty()) {
      JournaledState state = new JournaledState(world);
      for (Withdrawal w : withdrawals) {
        Account a = state.account(w.address());
        state.addBalance(a, unsigned(w.amountGwei()).multiply(GWEI));
      }
      world.apply(state.changes(true));
    }
    List<Transaction> txs = new ArrayList<>(included.size());
    List<byte[]> envelopes = new ArrayList<>(included.size());
    List<byte[]> receipts = new ArrayList<>(included.size());
    List<Bloom> blooms = new ArrayList<>(included.size());
    for (ExecutedTransaction t : included) {
      txs.add(t.transaction());
      envelopes.add(TransactionCodec.encode(t.transaction()));
      receipts.add(t.receipt().encodeForReceiptsRoot());
      blooms.add(t.receipt().logsBloom());
    }
    List<byte[]> withdrawalItems = new ArrayList<>(withdrawals.size());
    for (Withdrawal w : withdrawals) {
      withdrawalItems.add(w.encode());
    }
    BlockHeader.Builder h =
        BlockHeader.builder()
            .parentHash(parent.hash())
            .ommersHash(Hash.EMPTY_LIST)
            .beneficiary(attributes.coinbase())
            .stateRoot(world.stateRoot())
            .transactionsRoot(OrderedTrie.root(envelopes))
            .receiptsRoot(OrderedTrie.root(receipts))
            .logsBloom(Bloom.union(blooms))
            .number(parent.number() + 1)
            .gasLimit(attributes.gasLimit())
            .gasUsed(gasUsed)
            .timestamp(attributes.timestamp())
            .extraData(attributes.extraData())
            .mixHash(attributes.prevRandao())
            .baseFeePerGas(baseFee)
            .withdrawalsRoot(OrderedTrie.root(withdrawalItems))
            .blobGasUsed(blobGasUsed)
            .excessBlobGas(excessBlobGas)
            .parentBeaconBlockRoot(attributes.parentBeaconBlockRoot());
    if (rules.hasRequests()) {
      h.requestsHash(L1Rules.EMPTY_REQUESTS_HASH);
    }
    BlockHeader header = h.build();
    Block block =
        new Block(header, new BlockBody(txs, List.of(), Optional.of(List.copyOf(withdrawals))));
    return new ExecutedBlock(block, header.hash(), included);
  }
}
