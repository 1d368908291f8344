package io.opal.rpc.eth;

import io.opal.rpc.RpcMethodRegistry;

/**
 * Registers the eth_ and txpool_ methods on a registry. The methods only translate: parameters to
 * calls on the {@link EthBackend} interfaces, answers to op-geth's JSON.
 *
 * <p>Namespaces: eth_chainId, blockNumber, syncing, accounts, getBlockByNumber/Hash,
 * getHeaderByNumber/Hash, getBlockTransactionCountBy*, getUncle*, getTransactionBy*,
 * getRawTransactionBy*, getTransactionReceipt, getBlockReceipts, getBalance, getCode, getStorageAt,
 * getTransactionCount, call, estimateGas, createAccessList, sendRawTransaction, getLogs, gasPrice,
 * maxPriorityFeePerGas, blobBaseFee, feeHistory; txpool_status, content, contentFrom, inspect.
 * eth_subscribe and eth_unsubscribe come from the {@link io.opal.rpc.SubscriptionHub} (see {@link
 * EthSubscriptions}).
 */
public final class EthApi {
  private EthApi() {}

  public static void register(RpcMethodRegistry registry, EthBackend backend, EthConfig config) {
    new EthChainMethods(backend.chain(), backend.pool()).register(registry);
    new EthStateMethods(backend.chain(), backend.state(), backend.pool()).register(registry);
    new EthCallMethods(backend.chain(), backend.calls(), config).register(registry);
    new EthSendMethods(backend.submitter(), config).register(registry);
    new EthLogMethods(backend.chain(), config).register(registry);
    new EthFeeMethods(backend.chain(), backend.fees(), config).register(registry);
    new TxPoolMethods(backend.pool()).register(registry);
  }
}
