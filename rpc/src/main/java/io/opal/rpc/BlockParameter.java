package io.opal.rpc;

import io.opal.primitives.Hash;

/**
 * Which block a method reads: a tag, a number, or (EIP-1898) a hash that may be required to be on
 * the canonical chain.
 */
public sealed interface BlockParameter {

  BlockParameter LATEST = new Tagged(BlockTag.LATEST);

  record Tagged(BlockTag tag) implements BlockParameter {}

  /** A block number; at most 2^63-1, as geth allows. */
  record Number(long number) implements BlockParameter {
    public Number {
      if (number < 0) {
        throw new IllegalArgumentException("block number must be non-negative: " + number);
      }
    }
  }

  /** EIP-1898 {@code {"blockHash": ..., "requireCanonical": ...}}. */
  record ByHash(Hash hash, boolean requireCanonical) implements BlockParameter {}
}
