package io.opal.consensus.rollup;

import io.opal.execution.op.L1BlockInfo;
import io.opal.primitives.DecodingException;
import io.opal.primitives.block.Block;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.Transaction;
import java.util.List;

/**
 * The {@link L2BlockRef} of a stored L2 block, as op-node's {@code L2BlockToBlockRef} computes it:
 * the genesis block's L1 origin is the rollup config's {@code genesis.l1}; every other block names
 * its L1 origin and sequence number in its first transaction, the L1-info deposit.
 */
public final class L2BlockRefs {
  private L2BlockRefs() {}

  /**
   * @throws DecodingException with op-node's wording when the block is not a valid L2 block of this
   *     chain (a genesis-height block with another hash, a missing or undecodable L1-info deposit)
   */
  public static L2BlockRef of(Block block, RollupConfig config) {
    var genesis = config.genesisL2();
    if (block.number() == genesis.number()) {
      if (!block.hash().equals(genesis.hash())) {
        throw new DecodingException(
            -1,
            "expected L2 genesis hash to match L2 block at genesis block number "
                + Long.toUnsignedString(genesis.number())
                + ": "
                + genesis.hash()
                + " <> "
                + block.hash());
      }
      var l1 = config.genesisL1();
      return ref(block, new BlockId(l1.hash(), l1.number()), 0);
    }
    List<Transaction> txs = block.body().transactions();
    if (txs.isEmpty()) {
      throw new DecodingException(
          -1, "l2 block is missing L1 info deposit tx, block hash: " + block.hash());
    }
    if (!(txs.getFirst() instanceof DepositTransaction deposit)) {
      throw new DecodingException(
          -1, "first payload tx has unexpected tx type: " + txs.getFirst().type().typeByte());
    }
    L1BlockInfo info;
    try {
      info = L1BlockInfo.decode(deposit.data().toArrayUnsafe());
    } catch (DecodingException e) {
      throw new DecodingException(
          -1, "failed to parse L1 info deposit tx from L2 block: " + e.getMessage(), e);
    }
    return ref(block, new BlockId(info.blockHash(), info.number()), info.sequenceNumber());
  }

  private static L2BlockRef ref(Block block, BlockId l1Origin, long sequenceNumber) {
    return new L2BlockRef(
        block.hash(),
        block.number(),
        block.header().parentHash(),
        block.header().timestamp(),
        l1Origin,
        sequenceNumber);
  }
}
