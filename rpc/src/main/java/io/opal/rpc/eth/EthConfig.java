package io.opal.rpc.eth;

import java.time.Duration;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Limits and policies of the eth_ methods, with geth's and op-geth's defaults.
 *
 * @param gasCap most gas an eth_call or eth_estimateGas may use ({@code --rpc.gascap}, 50M); 0 for
 *     none
 * @param evmTimeout how long an eth_call may run ({@code --rpc.evmtimeout}, 5 s)
 * @param txFeeCap eth_sendRawTransaction refuses a fee (gas × fee cap) above this ({@code
 *     --rpc.txfeecap}, 1 ether); 0 for none
 * @param allowUnprotectedTxs accept legacy transactions without EIP-155 replay protection ({@code
 *     --rpc.allow-unprotected-txs}, off)
 * @param maxLogBlockRange most blocks one eth_getLogs may scan; 0 for no limit
 * @param maxLogResults most logs one eth_getLogs may return; 0 for no limit
 * @param maxFeeHistoryBlocks eth_feeHistory block counts above this are reduced to it (1024)
 * @param minSuggestedPriorityFee op-geth's floor for the suggested tip (0.001 gwei)
 * @param maxGasPrice cap on the suggested tip ({@code --gpo.maxprice}, 500 gwei)
 */
public record EthConfig(
    long gasCap,
    Duration evmTimeout,
    UInt256 txFeeCap,
    boolean allowUnprotectedTxs,
    long maxLogBlockRange,
    int maxLogResults,
    int maxFeeHistoryBlocks,
    UInt256 minSuggestedPriorityFee,
    UInt256 maxGasPrice) {

  public static EthConfig defaults() {
    return new EthConfig(
        50_000_000L,
        Duration.ofSeconds(5),
        UInt256.valueOf(1_000_000_000_000_000_000L),
        false,
        100_000,
        20_000,
        1024,
        UInt256.valueOf(1_000_000L),
        UInt256.valueOf(500_000_000_000L));
  }
}
