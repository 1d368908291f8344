package io.opal.execution.l1chain;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.op.Predeploys;
import io.opal.execution.op.UpgradeTransactions;
import io.opal.execution.state.WorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The EIP-4788 beacon roots and EIP-2935 block hash history contracts of the L1 genesis. They are
 * the same contracts, at the same addresses, that the OP Ecotone and Isthmus network upgrades
 * deploy (their creation code is taken from {@link UpgradeTransactions}, which holds it as the
 * specs publish it), so the genesis runs those very deployments: each from its keyless deployer at
 * nonce 0, which leaves the deployer at nonce 1, as the EIPs' presigned transactions would.
 */
public final class L1SystemContracts {
  public static final Address BEACON_ROOTS = Predeploys.BEACON_ROOTS;
  public static final Address HISTORY_STORAGE = Predeploys.HISTORY_STORAGE;

  private L1SystemContracts() {}

  /** The two contract deployments, as deposits (mint 0) from their keyless deployers. */
  static List<DepositTransaction> deployments() {
    List<DepositTransaction> out = new ArrayList<>(2);
    for (OpFork fork : List.of(OpFork.ECOTONE, OpFork.ISTHMUS)) {
      for (DepositTransaction d : UpgradeTransactions.forFork(fork)) {
        Address created = ContractAddress.create(d.from(), 0);
        if (d.to().isEmpty() && (created.equals(BEACON_ROOTS) || created.equals(HISTORY_STORAGE))) {
          out.add(d);
        }
      }
    }
    return out;
  }

  /**
   * Deploys both contracts into {@code world} (an empty genesis state, say).
   *
   * @throws IllegalStateException if a deployment does not produce its contract
   */
  public static void deploy(WorldState world, long chainId) {
    TransactionProcessor processor =
        new TransactionProcessor(
            EvmSpec.of(EvmFork.PRAGUE),
            PrecompileSet.ethereum(EvmFork.PRAGUE),
            new CodeCache(16),
            FeeHandler.ETHEREUM);
    BlockEnv env =
        new BlockEnv(
            0,
            Address.ZERO,
            0,
            30_000_000,
            UInt256.ZERO,
            UInt256.ZERO,
            Hash.ZERO,
            0,
            chainId,
            n -> Hash.ZERO);
    for (DepositTransaction d : deployments()) {
      TransactionResult r = processor.executeDeposit(world, env, d, true);
      if (!r.isSuccess()) {
        throw new IllegalStateException(
            "deploying the system contract from " + d.from() + " failed");
      }
      world.apply(r.changes());
    }
    for (Address a : List.of(BEACON_ROOTS, HISTORY_STORAGE)) {
      if (world.account(a).map(s -> s.codeHash().equals(Hash.EMPTY)).orElse(true)) {
        throw new IllegalStateException("the system contract " + a + " was not deployed");
      }
    }
  }
}
