package io.opal.consensus.sequencer;

import io.opal.consensus.l1.DepositLogDecoder;
import io.opal.consensus.l1.L1Header;
import io.opal.consensus.l1.L1Receipt;
import io.opal.consensus.l1.L1SystemConfig;
import io.opal.consensus.l1.MalformedLogException;
import io.opal.consensus.l1.SystemConfigLogDecoder;
import io.opal.consensus.l1.SystemConfigUpdate;
import io.opal.consensus.rollup.BlockId;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.execution.engine.L1InfoDeposit;
import io.opal.execution.op.Eip1559Params;
import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.OpPayloadAttributes;
import io.opal.execution.op.UpgradeTransactions;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.Transaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Payload attributes of the next L2 block (derivation.md "Building Individual Payload Attributes",
 * op-node's {@code FetchingAttributesBuilder}): the L1-info deposit in the fork's format, then at
 * the first block of an epoch the user deposits of the origin's receipts, then the upgrade
 * transactions of a fork activating at the block. At an epoch's first block the origin's
 * SystemConfig updates are applied first, so that the epoch's L1-info deposits carry them.
 */
public final class AttributesBuilder {
  private static final System.Logger LOG = System.getLogger(AttributesBuilder.class.getName());

  /** EIP-4844's blob base fee update fractions (Cancun, and Prague's EIP-7691). */
  static final long CANCUN_BLOB_UPDATE_FRACTION = 3_338_477;

  static final long PRAGUE_BLOB_UPDATE_FRACTION = 5_007_716;

  /** Fjord's constant max sequencer drift (fjord/derivation.md). */
  public static final long FJORD_MAX_SEQUENCER_DRIFT = 1800;

  private final RollupConfig config;
  private final Address feeRecipient;

  public AttributesBuilder(RollupConfig config, Address feeRecipient) {
    this.config = config;
    this.feeRecipient = feeRecipient;
  }

  /**
   * The attributes of the block after {@code parent} with L1 origin {@code origin}, and the system
   * config they carry.
   *
   * @param parentConfig the system config {@code parent} was built under
   * @param receipts the origin's receipts, asked for only at the first block of an epoch
   * @throws SequencerException CRITICAL if a deposit log of the portal does not decode (a deposit
   *     may never be skipped, so no block can be built on this origin) or the fee scalars are not a
   *     valid Ecotone encoding
   */
  public Attributes build(
      L2BlockRef parent,
      L1SystemConfig parentConfig,
      L1Header origin,
      Function<Hash, List<L1Receipt>> receipts) {
    long t = parent.timestamp() + config.blockTime();
    boolean newEpoch = !origin.hash().equals(parent.l1Origin().hash());
    if (newEpoch && origin.number() != parent.l1Origin().number() + 1) {
      throw SequencerException.critical(
          "L1 origin " + origin.ref() + " does not follow the parent's " + parent.l1Origin(), null);
    }
    long sequenceNumber = newEpoch ? 0 : parent.sequenceNumber() + 1;
    L1SystemConfig sys = parentConfig;
    List<Transaction> deposits = List.of();
    if (newEpoch) {
      List<L1Receipt> rs = receipts.apply(origin.hash());
      sys = applyUpdates(parentConfig, rs, origin);
      try {
        deposits =
            new ArrayList<>(DepositLogDecoder.depositsIn(rs, config.depositContractAddress()));
      } catch (MalformedLogException e) {
        throw SequencerException.critical(
            "cannot build on L1 origin " + origin.ref() + ": " + e.getMessage(), e);
      }
    }
    List<Transaction> txs = new ArrayList<>();
    txs.add(
        L1InfoDeposit.of(
            l1Info(origin, sequenceNumber, sys, t), config.isActive(OpFork.REGOLITH, t)));
    txs.addAll(deposits);
    List<? extends Transaction> upgrades = UpgradeTransactions.atBlock(config, t);
    txs.addAll(upgrades);
    BlockHeader l1 = origin.header();
    boolean pastDrift = t > origin.timestamp() + maxSequencerDrift(origin.timestamp());
    // op-node leaves pool transactions out of upgrade blocks, and past the drift (deposits only).
    boolean noTxPool = pastDrift || !upgrades.isEmpty() || isActivation(t);
    OpPayloadAttributes attributes =
        new OpPayloadAttributes(
            t,
            l1.mixHash(),
            feeRecipient,
            config.isActive(OpFork.ECOTONE, t)
                ? Optional.of(l1.parentBeaconBlockRoot().orElse(Hash.ZERO))
                : Optional.empty(),
            txs,
            noTxPool,
            sys.gasLimit(),
            config.isActive(OpFork.HOLOCENE, t)
                ? Optional.of(Eip1559Params.decode(sys.eip1559Params().toArray()))
                : Optional.empty(),
            config.isActive(OpFork.JOVIAN, t)
                ? OptionalLong.of(sys.minBaseFee())
                : OptionalLong.empty());
    return new Attributes(
        attributes,
        new BlockId(origin.hash(), origin.number()),
        sequenceNumber,
        sys,
        deposits.size());
  }

  /** What {@link #build} decided. */
  public record Attributes(
      OpPayloadAttributes attributes,
      BlockId l1Origin,
      long sequenceNumber,
      L1SystemConfig systemConfig,
      int userDeposits) {}

  /** The drift allowed past an origin at L1 time {@code l1Time}: Fjord's constant from Fjord. */
  public long maxSequencerDrift(long l1Time) {
    return config.isActive(OpFork.FJORD, l1Time)
        ? FJORD_MAX_SEQUENCER_DRIFT
        : config.maxSequencerDrift();
  }

  /** Whether a fork whose activation block op-node keeps free of pool transactions starts at t. */
  private boolean isActivation(long t) {
    for (OpFork f : List.of(OpFork.ECOTONE, OpFork.FJORD, OpFork.ISTHMUS, OpFork.JOVIAN)) {
      if (config.forks().isActivationBlock(f, t, config.blockTime())) {
        return true;
      }
    }
    return false;
  }

  private L1SystemConfig applyUpdates(
      L1SystemConfig sys, List<L1Receipt> receipts, L1Header origin) {
    SystemConfigLogDecoder.BlockUpdates u =
        SystemConfigLogDecoder.updatesIn(receipts, config.l1SystemConfigAddress());
    for (MalformedLogException skipped : u.skipped()) {
      // system-config.md: an update that does not decode is ignored (op-node logs it).
      LOG.log(System.Logger.Level.WARNING, "ignoring SystemConfig update: " + skipped.getMessage());
    }
    boolean ecotone = config.isActive(OpFork.ECOTONE, origin.timestamp());
    L1SystemConfig out = sys;
    for (SystemConfigUpdate update : u.updates()) {
      out = out.apply(update, ecotone);
    }
    return out;
  }

  private L1BlockInfo l1Info(L1Header origin, long seq, L1SystemConfig sys, long t) {
    BlockHeader h = origin.header();
    L1BlockInfo.Format format = L1InfoDeposit.format(config, t);
    BigInteger baseFee = BigInteger.valueOf(h.baseFeePerGas().orElse(0));
    if (h.baseFeePerGas().orElse(0) < 0) {
      baseFee = new BigInteger(Long.toUnsignedString(h.baseFeePerGas().getAsLong()));
    }
    Bytes32 batcherHash = Bytes32.leftPad(sys.batcher().bytes());
    if (format == L1BlockInfo.Format.BEDROCK) {
      return new L1BlockInfo(
          format,
          h.number(),
          h.timestamp(),
          baseFee,
          origin.hash(),
          seq,
          batcherHash,
          new BigInteger(1, sys.overhead().toArrayUnsafe()),
          new BigInteger(1, sys.scalar().toArrayUnsafe()),
          BigInteger.ZERO,
          0,
          0,
          0,
          0,
          0);
    }
    SystemConfigUpdate.EcotoneScalars scalars =
        SystemConfigUpdate.EcotoneScalars.decode(sys.scalar())
            .orElseThrow(
                () ->
                    SequencerException.critical(
                        "the system config's fee scalar " + sys.scalar() + " is not versioned",
                        null));
    Bytes32 op = sys.operatorFeeParams();
    int da =
        sys.daFootprintGasScalar() == 0
            ? L2Blocks.DEFAULT_DA_FOOTPRINT_GAS_SCALAR
            : sys.daFootprintGasScalar();
    return new L1BlockInfo(
        format,
        h.number(),
        h.timestamp(),
        baseFee,
        origin.hash(),
        seq,
        batcherHash,
        BigInteger.ZERO,
        BigInteger.ZERO,
        blobBaseFee(h),
        scalars.baseFeeScalar(),
        scalars.blobBaseFeeScalar(),
        op.slice(20, 4).toLong() & 0xffffffffL,
        op.slice(24, 8).toLong(),
        format == L1BlockInfo.Format.JOVIAN ? da : 0);
  }

  /**
   * The origin's blob base fee: 1 (EIP-4844's minimum) before L1 had blobs; the Prague update
   * fraction for a Prague header (one with a requests hash) once the rollup config's Pectra blob
   * schedule applies, Cancun's otherwise.
   */
  BigInteger blobBaseFee(BlockHeader h) {
    if (h.excessBlobGas().isEmpty()) {
      return BigInteger.ONE;
    }
    boolean prague =
        h.requestsHash().isPresent()
            && config.pectraBlobScheduleTime().map(p -> h.timestamp() >= p).orElse(true);
    long fraction = prague ? PRAGUE_BLOB_UPDATE_FRACTION : CANCUN_BLOB_UPDATE_FRACTION;
    return fakeExponential(
        BigInteger.ONE,
        new BigInteger(Long.toUnsignedString(h.excessBlobGas().getAsLong())),
        BigInteger.valueOf(fraction));
  }

  /** factor · e^(numerator / denominator) by EIP-4844's integer Taylor series. */
  static BigInteger fakeExponential(BigInteger factor, BigInteger numerator, BigInteger denom) {
    BigInteger output = BigInteger.ZERO;
    BigInteger accum = factor.multiply(denom);
    for (int i = 1; accum.signum() > 0; i++) {
      output = output.add(accum);
      accum = accum.multiply(numerator).divide(denom.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(denom);
  }
}
