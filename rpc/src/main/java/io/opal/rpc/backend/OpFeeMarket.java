package io.opal.rpc.backend;

import io.opal.execution.op.OpBaseFee;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.rpc.FeeMarket;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The OP Stack's fee rules for eth_feeHistory: the next base fee by {@link OpBaseFee} (the chain's
 * EIP-1559 parameters, Holocene's extraData parameters, Jovian's minimum), and no blobs: an OP
 * block carries none, so its blob base fee is the EIP-4844 minimum of 1 wei and its blob capacity
 * zero.
 */
public final class OpFeeMarket implements FeeMarket {
  private final RollupConfig config;

  public OpFeeMarket(RollupConfig config) {
    this.config = config;
  }

  @Override
  public UInt256 nextBaseFee(BlockHeader parent) {
    long next = OpBaseFee.nextBaseFee(config, parent, parent.timestamp() + config.blockTime());
    return UInt256.valueOf(new java.math.BigInteger(Long.toUnsignedString(next)));
  }

  @Override
  public UInt256 blobBaseFee(BlockHeader header) {
    return header.excessBlobGas().isPresent() ? UInt256.ONE : UInt256.ZERO;
  }

  @Override
  public long maxBlobGasPerBlock(BlockHeader header) {
    return 0;
  }
}
