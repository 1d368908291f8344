package io.opal.consensus.l1;

import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;

/**
 * A verified L1 header: {@code hash} is what the node returned and equals the keccak of the
 * header's RLP encoding (the client checks it; a mismatch is an {@link L1Exception.Kind#CRITICAL}
 * error).
 */
public record L1Header(BlockHeader header, Hash hash) {

  public long number() {
    return header.number();
  }

  public Hash parentHash() {
    return header.parentHash();
  }

  public long timestamp() {
    return header.timestamp();
  }

  public L1BlockRef ref() {
    return new L1BlockRef(hash, header.number(), header.parentHash(), header.timestamp());
  }
}
