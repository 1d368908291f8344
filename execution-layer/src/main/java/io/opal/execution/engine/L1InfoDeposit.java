package io.opal.execution.engine;

import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.Predeploys;
import io.opal.primitives.Hash;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The L1-info deposit that opens every OP block (specs/protocol/deposits.md "L1 Attributes
 * Deposited Transaction"), in the calldata format the block's fork expects: an upgrade's activation
 * block still uses the previous format (Ecotone's uses Bedrock's, Isthmus' Ecotone's, Jovian's
 * Isthmus').
 */
public final class L1InfoDeposit {
  private L1InfoDeposit() {}

  /** Gas of the L1-info deposit from Regolith, and before (when it was a system transaction). */
  public static final long GAS = 1_000_000;

  public static final long GAS_BEFORE_REGOLITH = 150_000_000;

  /** The calldata format of the L1-info deposit of the block at {@code timestamp}. */
  public static L1BlockInfo.Format format(RollupConfig config, long timestamp) {
    long previous = timestamp - config.blockTime();
    if (config.isActive(OpFork.JOVIAN, previous)) {
      return L1BlockInfo.Format.JOVIAN;
    }
    if (config.isActive(OpFork.ISTHMUS, previous)) {
      return L1BlockInfo.Format.ISTHMUS;
    }
    if (config.isActive(OpFork.ECOTONE, previous)) {
      return L1BlockInfo.Format.ECOTONE;
    }
    return L1BlockInfo.Format.BEDROCK;
  }

  /** The source hash: keccak256(bytes32(1) ‖ keccak256(l1BlockHash ‖ bytes32(sequenceNumber))). */
  public static Hash sourceHash(Hash l1BlockHash, long sequenceNumber) {
    byte[] inner = new byte[64];
    System.arraycopy(l1BlockHash.toArray(), 0, inner, 0, 32);
    for (int i = 0; i < 8; i++) {
      inner[63 - i] = (byte) (sequenceNumber >>> (8 * i));
    }
    byte[] outer = new byte[64];
    outer[31] = 1;
    System.arraycopy(Hash.keccak(inner).toArray(), 0, outer, 32, 32);
    return Hash.keccak(outer);
  }

  /** The deposit carrying {@code info} (a system transaction before Regolith). */
  public static DepositTransaction of(L1BlockInfo info, boolean regolith) {
    return new DepositTransaction(
        sourceHash(info.blockHash(), info.sequenceNumber()),
        Predeploys.L1_INFO_DEPOSITOR,
        Optional.of(Predeploys.L1_BLOCK),
        UInt256.ZERO,
        UInt256.ZERO,
        regolith ? GAS : GAS_BEFORE_REGOLITH,
        !regolith,
        Bytes.wrap(info.encode()));
  }
}
