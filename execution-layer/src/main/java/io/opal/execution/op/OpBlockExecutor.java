package io.opal.execution.op;

import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.op.BlockValidationException.Reason;
import io.opal.execution.state.WorldState;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.Transaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Builds and executes OP Stack blocks (specs/protocol/exec-engine.md and the fork folders) on a
 * world state: from payload attributes ({@link #build}, or {@link #start} for a builder the caller
 * fills), or from a received block that must reproduce its own header ({@link #execute}).
 *
 * <p>Thread-safe and stateless apart from the shared code cache; each block gets its own builder.
 * The world state passed in receives the block's changes as its transactions run; a caller that may
 * discard the block gives a disposable view.
 */
public final class OpBlockExecutor {
  private final RollupConfig config;
  private final CodeCache codeCache;

  public OpBlockExecutor(RollupConfig config, CodeCache codeCache) {
    this.config = Objects.requireNonNull(config);
    this.codeCache = Objects.requireNonNull(codeCache);
  }

  public RollupConfig config() {
    return config;
  }

  /**
   * Starts a block on {@code parent} from {@code attributes}: checks the attributes against the
   * fork, derives the base fee and extraData, runs the block-start system calls. The forced
   * transactions are not added yet.
   *
   * @param ancestors hashes of blocks before the parent, for BLOCKHASH (the parent's own hash is
   *     answered here)
   */
  public OpBlockBuilder start(
      BlockHeader parent,
      WorldState world,
      OpPayloadAttributes attributes,
      BlockHashLookup ancestors)
      throws BlockValidationException {
    long timestamp = attributes.timestamp();
    checkAttributes(parent, attributes);
    Bytes extraData;
    try {
      extraData =
          OpBaseFee.extraData(
              config, timestamp, attributes.eip1559Params(), attributes.minBaseFee());
    } catch (IllegalArgumentException e) {
      throw new BlockValidationException(Reason.INVALID_ATTRIBUTES, e.getMessage());
    }
    BlockTemplate template =
        new BlockTemplate(
            parent.number() + 1,
            parent.hash(),
            timestamp,
            attributes.suggestedFeeRecipient(),
            attributes.prevRandao(),
            attributes.gasLimit(),
            extraData,
            baseFee(parent, timestamp),
            attributes.parentBeaconBlockRoot());
    return new OpBlockBuilder(config, codeCache, template, world, withParent(parent, ancestors));
  }

  /**
   * Builds a block: the attributes' transactions (each must be valid), then unless {@code noTxPool}
   * pool transactions while gas is left, then seals it.
   */
  public ExecutedBlock build(
      BlockHeader parent,
      WorldState world,
      OpPayloadAttributes attributes,
      TransactionSource pool,
      BlockHashLookup ancestors)
      throws BlockValidationException {
    OpBlockBuilder builder = start(parent, world, attributes, ancestors);
    for (Transaction tx : attributes.transactions()) {
      builder.addForced(tx);
    }
    if (!attributes.noTxPool()) {
      fill(builder, pool);
    }
    return builder.seal();
  }

  /** The cheapest transaction costs 21000 gas: below that nothing more fits. */
  private static final long MIN_TX_GAS = 21_000;

  /** Takes pool transactions in the source's order until it is empty or the block is full. */
  public static void fill(OpBlockBuilder builder, TransactionSource pool)
      throws BlockValidationException {
    while (builder.gasLeft() >= MIN_TX_GAS) {
      Optional<TransactionSource.Candidate> next = pool.next();
      if (next.isEmpty()) {
        return;
      }
      TxInclusion r = builder.tryAdd(next.get());
      if (r instanceof TxInclusion.NotIncluded n && n.cause() != TxInclusion.Cause.NONCE_TOO_LOW) {
        pool.skipSender(next.get().sender()); // its later nonces cannot run without this one
      }
    }
  }

  /**
   * Executes a received block on its parent's state and checks that it reproduces every header
   * field (gossip, derivation, sync).
   *
   * @throws BlockValidationException naming the broken rule, the transaction at fault or the header
   *     fields that differ
   */
  public ExecutedBlock execute(
      BlockHeader parent, WorldState world, Block block, BlockHashLookup ancestors)
      throws BlockValidationException {
    BlockHeader h = block.header();
    checkHeader(parent, h);
    checkBody(h.timestamp(), block.body());
    BlockTemplate template =
        new BlockTemplate(
            h.number(),
            h.parentHash(),
            h.timestamp(),
            h.beneficiary(),
            h.mixHash(),
            h.gasLimit(),
            h.extraData(),
            h.baseFeePerGas().getAsLong(),
            h.parentBeaconBlockRoot());
    OpBlockBuilder builder =
        new OpBlockBuilder(config, codeCache, template, world, withParent(parent, ancestors));
    for (Transaction tx : block.body().transactions()) {
      builder.addForced(tx);
    }
    ExecutedBlock sealed = builder.seal();
    List<HeaderDiff.Field> diffs = HeaderDiff.between(h, sealed.block().header());
    if (!diffs.isEmpty()) {
      throw BlockValidationException.headerMismatch(diffs);
    }
    return sealed;
  }

  private void checkAttributes(BlockHeader parent, OpPayloadAttributes a)
      throws BlockValidationException {
    long t = a.timestamp();
    if (Long.compareUnsigned(t, parent.timestamp()) <= 0) {
      throw new BlockValidationException(
          Reason.INVALID_ATTRIBUTES, "timestamp " + t + " is not after the parent's");
    }
    require(
        a.parentBeaconBlockRoot().isPresent() == config.isActive(OpFork.ECOTONE, t),
        "parentBeaconBlockRoot must be present exactly from Ecotone");
    require(
        a.eip1559Params().isPresent() == config.isActive(OpFork.HOLOCENE, t),
        "eip1559Params must be present exactly from Holocene");
    require(
        a.minBaseFee().isPresent() == config.isActive(OpFork.JOVIAN, t),
        "minBaseFee must be present exactly from Jovian");
    require(a.gasLimit() > 0, "gasLimit must be set, at most 2^63 - 1");
  }

  private static void require(boolean ok, String message) throws BlockValidationException {
    if (!ok) {
      throw new BlockValidationException(Reason.INVALID_ATTRIBUTES, message);
    }
  }

  /** The header rules that need no execution (op-geth's beacon consensus and OP checks). */
  private void checkHeader(BlockHeader parent, BlockHeader h) throws BlockValidationException {
    long t = h.timestamp();
    String problem = null;
    if (h.number() != parent.number() + 1) {
      problem = "number " + h.number() + " does not follow the parent's " + parent.number();
    } else if (!h.parentHash().equals(parent.hash())) {
      problem = "parentHash is not the parent's hash";
    } else if (Long.compareUnsigned(t, parent.timestamp()) <= 0) {
      problem = "timestamp is not after the parent's";
    } else if (h.gasLimit() < 0) {
      problem = "gasLimit exceeds 2^63 - 1"; // geth's MaxGasLimit
    } else if (Long.compareUnsigned(h.gasUsed(), h.gasLimit()) > 0) {
      problem = "gasUsed exceeds gasLimit";
    } else if (!h.difficulty().equals(UInt256.ZERO) || !h.nonce().equals(Bytes.wrap(new byte[8]))) {
      problem = "difficulty and nonce must be zero after the merge";
    } else if (!h.ommersHash().equals(Hash.EMPTY_LIST)) {
      problem = "sha3Uncles must be the empty list's hash";
    } else if (h.baseFeePerGas().isEmpty()) {
      problem = "baseFeePerGas is missing";
    } else if (h.baseFeePerGas().getAsLong() != baseFee(parent, t)) {
      problem =
          "baseFeePerGas "
              + Long.toUnsignedString(h.baseFeePerGas().getAsLong())
              + ", expected "
              + Long.toUnsignedString(baseFee(parent, t));
    } else if (h.parentBeaconBlockRoot().isPresent() != config.isActive(OpFork.ECOTONE, t)) {
      problem = "parentBeaconBlockRoot must be present exactly from Ecotone";
    } else {
      problem = OpBaseFee.checkExtraData(config, t, h.extraData()).orElse(null);
    }
    if (problem != null) {
      throw new BlockValidationException(Reason.INVALID_HEADER, problem);
    }
  }

  private void checkBody(long timestamp, BlockBody body) throws BlockValidationException {
    if (!body.ommers().isEmpty()) {
      throw new BlockValidationException(Reason.INVALID_BODY, "a block cannot have ommers");
    }
    boolean canyon = config.isActive(OpFork.CANYON, timestamp);
    boolean ok =
        canyon
            ? body.withdrawals().isPresent() && body.withdrawals().get().isEmpty()
            : body.withdrawals().isEmpty();
    if (!ok) {
      throw new BlockValidationException(
          Reason.INVALID_BODY, "withdrawals must be an empty list from Canyon, absent before");
    }
  }

  private long baseFee(BlockHeader parent, long timestamp) throws BlockValidationException {
    try {
      return OpBaseFee.nextBaseFee(config, parent, timestamp);
    } catch (IllegalStateException e) {
      throw new BlockValidationException(Reason.INVALID_HEADER, e.getMessage());
    }
  }

  /** BLOCKHASH answers the parent from its header; older blocks from the caller. */
  private static BlockHashLookup withParent(BlockHeader parent, BlockHashLookup ancestors) {
    long parentNumber = parent.number();
    Hash parentHash = parent.hash();
    return n -> n == parentNumber ? parentHash : ancestors.hash(n);
  }
}
