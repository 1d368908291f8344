package io.opal.consensus.sequencer;

import io.opal.consensus.l1.L1SystemConfig;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.Predeploys;
import io.opal.primitives.DecodingException;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What the rollup node reads back from a stored L2 block: its {@link L2BlockRef} (L1 origin and
 * sequence number from the L1-info deposit, as op-node's {@code L2BlockToBlockRef}) and the system
 * config it was built under.
 *
 * <p>The system config is recovered, not persisted: every value the sequencer carries from block to
 * block is in the block itself — the batcher hash, fee scalars, operator fee parameters and DA
 * footprint scalar in the L1-info deposit, the gas limit in the header, and from Holocene the
 * EIP-1559 parameters (and from Jovian the minimum base fee) in the header's extraData. So a
 * restart continues with exactly the config of the unsafe head. Two values come back in an
 * equivalent rather than identical form: EIP-1559 parameters left unset (zero) come back as the
 * chain defaults the header records, and a zero Jovian DA footprint scalar as its default 400; both
 * build the same blocks.
 */
public final class L2Blocks {
  /** Jovian's default DA footprint gas scalar, used when the system config holds 0. */
  public static final int DEFAULT_DA_FOOTPRINT_GAS_SCALAR = 400;

  private L2Blocks() {}

  /** The L1 attributes the block's first transaction (the L1-info deposit) carries. */
  public static L1BlockInfo l1Info(Block block) {
    var txs = block.body().transactions();
    if (txs.isEmpty()
        || !(txs.getFirst() instanceof DepositTransaction d)
        || !d.to().map(Predeploys.L1_BLOCK::equals).orElse(false)) {
      throw new DecodingException(
          -1, "L2 block " + block.hash() + " does not open with an L1-info deposit");
    }
    return L1BlockInfo.decode(d.data().toArrayUnsafe());
  }

  /** The system config {@code block} was built under (see the class comment). */
  public static L1SystemConfig systemConfig(Block block, RollupConfig config) {
    BlockHeader h = block.header();
    if (h.number() == config.genesisL2().number()) {
      return L1SystemConfig.fromGenesis(config.systemConfig());
    }
    L1BlockInfo info = l1Info(block);
    Bytes32 overhead;
    Bytes32 scalar;
    if (info.format() == L1BlockInfo.Format.BEDROCK) {
      overhead = word(info.overhead());
      scalar = word(info.scalar());
    } else {
      overhead = Bytes32.ZERO;
      scalar = versionedScalar(info.baseFeeScalar(), info.blobBaseFeeScalar());
    }
    Bytes eip1559 = Bytes.wrap(new byte[8]);
    long minBaseFee = 0;
    Bytes extra = h.extraData();
    if (config.isActive(OpFork.HOLOCENE, h.timestamp()) && extra.size() >= 9) {
      eip1559 = extra.slice(1, 8).copy();
      if (config.isActive(OpFork.JOVIAN, h.timestamp()) && extra.size() >= 17) {
        minBaseFee = extra.slice(9, 8).toLong();
      }
    }
    byte[] operatorFee = new byte[32];
    ByteBuffer.wrap(operatorFee, 20, 12)
        .putInt((int) info.operatorFeeScalar())
        .putLong(info.operatorFeeConstant());
    return new L1SystemConfig(
        new io.opal.primitives.Address(info.batcherHash().slice(12, 20).copy()),
        overhead,
        scalar,
        h.gasLimit(),
        eip1559,
        Bytes32.wrap(operatorFee),
        minBaseFee,
        info.daFootprintGasScalar());
  }

  /** The Ecotone scalar encoding, version 1: blob scalar in bytes 24..28, base in 28..32. */
  static Bytes32 versionedScalar(long baseFeeScalar, long blobBaseFeeScalar) {
    byte[] b = new byte[32];
    b[0] = 1;
    ByteBuffer.wrap(b, 24, 8).putInt((int) blobBaseFeeScalar).putInt((int) baseFeeScalar);
    return Bytes32.wrap(b);
  }

  private static Bytes32 word(BigInteger v) {
    return Bytes32.leftPad(Bytes.wrap(v.toByteArray()).trimLeadingZeros());
  }
}
