package io.opal.consensus.rollup;

import io.opal.primitives.Hash;
import java.util.Objects;

/**
 * A block named by hash and number (op-node's {@code eth.BlockID}).
 *
 * @param number unsigned 64-bit
 */
public record BlockId(Hash hash, long number) {
  public BlockId {
    Objects.requireNonNull(hash, "hash");
  }

  @Override
  public String toString() {
    return "#" + Long.toUnsignedString(number) + " " + hash;
  }
}
