package io.opal.consensus.l1;

import io.opal.primitives.Hash;

/**
 * Which block a state query (balance, nonce, code, storage, call) reads: a tag, a number, or a hash
 * (EIP-1898), optionally requiring that the hash be canonical.
 */
public sealed interface BlockSelector {

  static BlockSelector latest() {
    return new Tagged(BlockTag.LATEST);
  }

  static BlockSelector pending() {
    return new Tagged(BlockTag.PENDING);
  }

  static BlockSelector of(BlockTag tag) {
    return new Tagged(tag);
  }

  static BlockSelector number(long number) {
    return new ByNumber(number);
  }

  /** The block with this hash, which must still be canonical: a reorg makes the query fail. */
  static BlockSelector canonicalHash(Hash hash) {
    return new ByHash(hash, true);
  }

  record Tagged(BlockTag tag) implements BlockSelector {}

  /**
   * @param number unsigned 64-bit
   */
  record ByNumber(long number) implements BlockSelector {}

  record ByHash(Hash hash, boolean requireCanonical) implements BlockSelector {}
}
