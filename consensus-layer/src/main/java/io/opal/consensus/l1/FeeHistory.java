package io.opal.consensus.l1;

import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * {@code eth_feeHistory}: per block from {@code oldestBlock}, its base fee (one more entry: the
 * next block's), gas used ratio, the requested reward percentiles and, on Cancun nodes, blob base
 * fees (one more entry too) and blob gas used ratios (empty lists from nodes that report none).
 */
public record FeeHistory(
    long oldestBlock,
    List<UInt256> baseFeePerGas,
    List<Double> gasUsedRatio,
    List<List<UInt256>> reward,
    List<UInt256> baseFeePerBlobGas,
    List<Double> blobGasUsedRatio) {

  public FeeHistory {
    baseFeePerGas = List.copyOf(baseFeePerGas);
    gasUsedRatio = List.copyOf(gasUsedRatio);
    reward = reward.stream().map(List::copyOf).toList();
    baseFeePerBlobGas = List.copyOf(baseFeePerBlobGas);
    blobGasUsedRatio = List.copyOf(blobGasUsedRatio);
  }
}
