package io.opal.rpc;

import io.opal.primitives.block.BlockHeader;
import org.apache.tuweni.units.bigints.UInt256;

/** The fork-dependent fee rules eth_feeHistory needs beyond what headers carry. */
public interface FeeMarket {
  /**
   * The base fee of the block after {@code parent} (on OP chains: the chain's EIP-1559 parameters,
   * Holocene's extraData parameters, Jovian's minimum base fee).
   */
  UInt256 nextBaseFee(BlockHeader parent);

  /** The blob base fee of a block with this header (EIP-4844; 1 wei on OP chains). */
  UInt256 blobBaseFee(BlockHeader header);

  /** The blob gas a block may use, for blobGasUsedRatio; 0 when blobs do not apply. */
  long maxBlobGasPerBlock(BlockHeader header);
}
