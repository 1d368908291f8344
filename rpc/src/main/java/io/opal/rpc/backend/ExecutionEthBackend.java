package io.opal.rpc.backend;

import io.opal.execution.op.RollupFees;
import io.opal.execution.state.AccountState;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.StateView;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.rpc.eth.EthBackend;
import io.opal.rpc.eth.TxPoolBackend;
import io.opal.txpool.HeadContext;
import io.opal.txpool.L1CostFunction;
import io.opal.txpool.PoolAccount;
import io.opal.txpool.PoolStateView;
import io.opal.txpool.TransactionPool;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Wires the eth_ backend of a node: chain, state and receipts from the {@link ChainDatabase}, calls
 * through the transaction processor, the OP fee market, and the transaction pool. Also the pool's
 * view of a head ({@link #headContext}, {@link #poolState}) so that whoever moves the head can tell
 * the pool with the same fee rules the RPC uses.
 */
public final class ExecutionEthBackend {
  private ExecutionEthBackend() {}

  /** The backend over a database, its chain's rollup config and the node's pool. */
  public static EthBackend create(ChainDatabase db, RollupConfig config, TransactionPool pool) {
    DatabaseChainReader chain = new DatabaseChainReader(db, config);
    TxPoolBackend poolBackend = new TxPoolBackend(pool);
    return new EthBackend(
        chain,
        chain,
        new ExecutionCallExecutor(db, config),
        poolBackend,
        poolBackend,
        new OpFeeMarket(config));
  }

  /**
   * The pool's context for the block after {@code head}: its base fee by the OP rules and the L1
   * data fee plus operator fee of the L1Block parameters in {@code head}'s state.
   */
  public static HeadContext headContext(RollupConfig config, BlockHeader head, StateView state) {
    long nextTime = head.timestamp() + config.blockTime();
    OpFork fork = config.forkAt(nextTime);
    RollupFees fees = RollupFees.read(state, fork);
    L1CostFunction l1Cost =
        (tx, envelope) -> UInt256.valueOf(fees.upfrontCost(envelope, tx.gasLimit()));
    return new HeadContext(
        head.number(),
        head.hash(),
        head.timestamp(),
        head.gasLimit(),
        new OpFeeMarket(config).nextBaseFee(head),
        fork,
        l1Cost);
  }

  /** The pool's reads of accounts in a state. */
  public static PoolStateView poolState(StateView state) {
    return address ->
        state
            .account(address)
            .map(a -> new PoolAccount(a.nonce(), a.balance(), hasCode(a)))
            .orElse(PoolAccount.EMPTY);
  }

  private static boolean hasCode(AccountState a) {
    return !a.codeHash().equals(Hash.EMPTY);
  }
}
