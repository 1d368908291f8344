package io.opal.rpc.backend;

import io.opal.execution.l1chain.L1Rules;
import io.opal.primitives.block.BlockHeader;
import io.opal.rpc.FeeMarket;
import java.math.BigInteger;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Ethereum's fee rules for eth_feeHistory and eth_blobBaseFee on the L1 dev chain: EIP-1559's next
 * base fee with mainnet parameters, and the blob base fee and blob capacity of the chain's fork
 * (EIP-4844, raised by EIP-7691 in Prague).
 */
public final class L1FeeMarket implements FeeMarket {
  private final L1Rules rules;

  public L1FeeMarket(L1Rules rules) {
    this.rules = rules;
  }

  @Override
  public UInt256 nextBaseFee(BlockHeader parent) {
    return UInt256.valueOf(new BigInteger(Long.toUnsignedString(L1Rules.nextBaseFee(parent))));
  }

  @Override
  public UInt256 blobBaseFee(BlockHeader header) {
    return UInt256.valueOf(rules.blobBaseFee(header.excessBlobGas().orElse(0)));
  }

  @Override
  public long maxBlobGasPerBlock(BlockHeader header) {
    return rules.maxBlobGas();
  }
}
