package io.opal.execution.evm;

import io.opal.primitives.Hash;

/** BLOCKHASH's source: the hash of an ancestor block by number (the caller checks the range). */
@FunctionalInterface
public interface BlockHashLookup {
  /** The hash of block {@code number}, or {@link Hash#ZERO} when unknown. */
  Hash hash(long number);
}
