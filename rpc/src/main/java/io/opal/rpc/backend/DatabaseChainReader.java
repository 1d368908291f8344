package io.opal.rpc.backend;

import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.L1FeeParams;
import io.opal.execution.op.RollupCostData;
import io.opal.execution.op.RollupFees;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.Word256;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.ChainHeads;
import io.opal.execution.store.ChainView;
import io.opal.execution.store.MissingStateException;
import io.opal.execution.store.StateView;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.trie.MissingTrieNodeException;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.StateReader;
import io.opal.storage.BlockKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The chain and its states as the eth_ methods read them, from a {@link ChainDatabase}. Receipts
 * are stored without the OP fee fields, so they are recomputed here from the L1Block contract's
 * parameters in the block's post-state (the L1-info deposit that sets them is the block's first
 * transaction, so the post-state holds the values every user transaction of the block paid by).
 */
public final class DatabaseChainReader implements ChainReader, StateReader {
  private final ChainDatabase db;
  private final ChainRules rules;

  public DatabaseChainReader(ChainDatabase db, RollupConfig config) {
    this(db, ChainRules.op(config));
  }

  /** A reader for any chain; receipts carry the OP fee fields only on an OP chain. */
  public DatabaseChainReader(ChainDatabase db, ChainRules rules) {
    this.db = db;
    this.rules = rules;
  }

  @Override
  public long chainId() {
    return rules.chainId();
  }

  @Override
  public Optional<BlockHeader> header(BlockTag tag) {
    Optional<ChainHeads> heads = db.heads();
    if (heads.isEmpty()) {
      return Optional.empty();
    }
    BlockKey key =
        switch (tag) {
          case EARLIEST -> null;
          case LATEST, PENDING -> heads.get().unsafe();
          case SAFE -> heads.get().safe();
          case FINALIZED -> heads.get().finalized();
        };
    if (key == null) {
      return db.chain().canonicalHeader(0);
    }
    return db.chain().header(key);
  }

  @Override
  public Optional<BlockHeader> headerByNumber(long number) {
    return db.chain().canonicalHeader(number);
  }

  @Override
  public Optional<BlockHeader> headerByHash(Hash hash) {
    return db.chain().header(hash);
  }

  @Override
  public Optional<Block> blockByHash(Hash hash) {
    return db.chain().block(hash);
  }

  @Override
  public Optional<Block> blockByNumber(long number) {
    return db.chain().canonicalBlock(number);
  }

  @Override
  public Optional<TransactionLocation> transactionLocation(Hash txHash) {
    return db.chain()
        .txLocation(txHash)
        .map(l -> new TransactionLocation(l.blockHash(), l.blockNumber(), l.index()));
  }

  @Override
  public Optional<List<ChainReceipt>> receipts(Hash blockHash) {
    // One snapshot: the block, its receipts and its state agree even while the head moves.
    try (ChainView view = db.view()) {
      Optional<List<Receipt>> stored = view.chain().receipts(blockHash);
      Optional<Block> block = view.chain().block(blockHash);
      if (stored.isEmpty() || block.isEmpty()) {
        return Optional.empty();
      }
      Optional<OpFork> opFork = rules.opFork(block.get().header().timestamp());
      if (opFork.isEmpty()) {
        Optional<UInt256> blobGasPrice = rules.blobBaseFee(block.get().header());
        return Optional.of(
            stored.get().stream()
                .map(r -> new ChainReceipt(r, Optional.empty(), blobGasPrice))
                .toList());
      }
      List<Transaction> txs = block.get().body().transactions();
      OpFork fork = opFork.get();
      Optional<RollupFees> fees = rollupFees(view, blockHash, txs, fork);
      OptionalInt daScalar = daFootprintGasScalar(txs, fork);
      List<ChainReceipt> out = new ArrayList<>(stored.get().size());
      for (int i = 0; i < stored.get().size(); i++) {
        Receipt r = stored.get().get(i);
        Transaction tx = i < txs.size() ? txs.get(i) : null;
        if (fees.isEmpty() || tx == null || tx instanceof DepositTransaction) {
          out.add(ChainReceipt.of(r));
        } else {
          out.add(new ChainReceipt(r, Optional.of(l1Fees(fees.get(), fork, tx, daScalar))));
        }
      }
      return Optional.of(out);
    }
  }

  /** The block's fee parameters; empty for a block without user transactions or state. */
  private static Optional<RollupFees> rollupFees(
      ChainView view, Hash blockHash, List<Transaction> txs, OpFork fork) {
    boolean anyUser = txs.stream().anyMatch(t -> !(t instanceof DepositTransaction));
    if (!anyUser) {
      return Optional.empty();
    }
    try {
      return view.stateAt(blockHash).map(state -> RollupFees.read(state, fork));
    } catch (MissingTrieNodeException | MissingStateException e) {
      // The block's state is not available (missing trie nodes): receipts without the OP fields.
      return Optional.empty();
    }
  }

  /**
   * Jovian's DA footprint gas scalar, which the L1-info deposit (the block's first transaction)
   * carries; empty before Jovian or when the block has no Jovian-format L1-info deposit.
   */
  private static OptionalInt daFootprintGasScalar(List<Transaction> txs, OpFork fork) {
    if (!fork.isAtLeast(OpFork.JOVIAN)
        || txs.isEmpty()
        || !(txs.get(0) instanceof DepositTransaction info)) {
      return OptionalInt.empty();
    }
    try {
      L1BlockInfo l1Info = L1BlockInfo.decode(info.data().toArrayUnsafe());
      return l1Info.format() == L1BlockInfo.Format.JOVIAN
          ? OptionalInt.of(l1Info.daFootprintGasScalar())
          : OptionalInt.empty();
    } catch (DecodingException e) {
      return OptionalInt.empty();
    }
  }

  private static L1Fees l1Fees(RollupFees fees, OpFork fork, Transaction tx, OptionalInt daScalar) {
    RollupCostData costData = RollupCostData.of(TransactionCodec.encode(tx));
    RollupFees.L1Cost cost = fees.l1Cost(costData);
    L1FeeParams p = fees.params();
    boolean preEcotone =
        fees.formula() == RollupFees.Formula.BEDROCK
            || fees.formula() == RollupFees.Formula.REGOLITH;
    boolean operatorFee =
        fork.isAtLeast(OpFork.ISTHMUS)
            && (p.operatorFeeScalar() != 0 || p.operatorFeeConstant() != 0);
    return new L1Fees(
        UInt256.valueOf(p.l1BaseFee()),
        UInt256.valueOf(cost.gasUsed()),
        UInt256.valueOf(cost.fee()),
        preEcotone ? Optional.of(scalarString(p.scalar())) : Optional.empty(),
        preEcotone ? Optional.empty() : Optional.of(UInt256.valueOf(p.l1BlobBaseFee())),
        preEcotone ? OptionalLong.empty() : OptionalLong.of(p.baseFeeScalar()),
        preEcotone ? OptionalLong.empty() : OptionalLong.of(p.blobBaseFeeScalar()),
        operatorFee ? OptionalLong.of(p.operatorFeeScalar()) : OptionalLong.empty(),
        operatorFee ? OptionalLong.of(p.operatorFeeConstant()) : OptionalLong.empty(),
        daScalar.isPresent() ? OptionalLong.of(daScalar.getAsInt()) : OptionalLong.empty(),
        daScalar.isPresent()
            ? OptionalLong.of(RollupFees.daFootprint(costData, daScalar.getAsInt()))
            : OptionalLong.empty());
  }

  /** op-geth prints the pre-Ecotone scalar divided by 1e6 as a decimal ("0.684"). */
  private static String scalarString(BigInteger scalar) {
    BigDecimal d = new BigDecimal(scalar).movePointLeft(6).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  // ------------------------------------------------------------------------------ state

  @Override
  public Optional<StateView> at(BlockHeader header) {
    Optional<io.opal.execution.store.StateView> state;
    try {
      state = db.stateAt(header.hash());
    } catch (MissingTrieNodeException | MissingStateException e) {
      // Trie nodes missing under an old root: the state is not available.
      return Optional.empty();
    }
    return state.map(AccountsView::new);
  }

  /** The rpc module's view of one stored state. */
  private record AccountsView(io.opal.execution.store.StateView state) implements StateView {
    @Override
    public UInt256 balance(Address address) {
      return state.account(address).map(AccountState::balance).orElse(UInt256.ZERO);
    }

    @Override
    public long nonce(Address address) {
      return state.account(address).map(AccountState::nonce).orElse(0L);
    }

    @Override
    public Bytes code(Address address) {
      return state
          .account(address)
          .map(a -> Bytes.wrap(state.code(a.codeHash())))
          .orElse(Bytes.EMPTY);
    }

    @Override
    public Bytes32 storage(Address address, Bytes32 slot) {
      Word256 v = state.storage(address, Word256.fromBytes(slot.toArrayUnsafe()));
      return Bytes32.wrap(v.toBytes());
    }
  }
}
