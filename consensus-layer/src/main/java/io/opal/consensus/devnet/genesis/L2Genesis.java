package io.opal.consensus.devnet.genesis;

import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.BlockId;

/**
 * A built L2 genesis: the parameters it came from, its allocation and its block header (whose hash
 * is the rollup config's L2 genesis hash).
 */
public record L2Genesis(DevnetL2Params params, GenesisAlloc alloc, BlockHeader header) {

  public Hash hash() {
    return header.hash();
  }

  /** The L2 genesis block as the rollup config names it. */
  public BlockId blockId() {
    return new BlockId(hash(), 0);
  }

  /** op-geth's genesis.json form. */
  public String toJson() {
    return GenesisJson.write(this);
  }
}
