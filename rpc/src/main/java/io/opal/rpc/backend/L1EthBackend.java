package io.opal.rpc.backend;

import io.opal.execution.l1chain.L1Chain;
import io.opal.execution.l1chain.L1Mempool;
import io.opal.rpc.eth.EthBackend;

/**
 * Wires the eth_ backend of the embedded L1 dev chain: the same database reader and call executor
 * as an L2 node, with Ethereum rules (one fork, no OP receipt fields), Ethereum's fee market and
 * the chain's own {@link L1Mempool}.
 */
public final class L1EthBackend {
  private L1EthBackend() {}

  public static EthBackend create(L1Chain chain, L1Mempool pool) {
    ChainRules rules = ChainRules.ethereum(chain.rules().chainId(), chain.rules().fork());
    DatabaseChainReader reader = new DatabaseChainReader(chain.db(), rules);
    L1MempoolBackend mempool = new L1MempoolBackend(chain.db(), pool);
    return new EthBackend(
        reader,
        reader,
        new ExecutionCallExecutor(chain.db(), rules),
        mempool,
        mempool,
        new L1FeeMarket(chain.rules()));
  }
}
