package io.opal.execution.engine;

import io.opal.execution.op.TxInclusion;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;

/** A pool transaction a build job offered to its block and left out, and why. */
public record SkippedTransaction(
    Hash hash, Address sender, TxInclusion.Cause cause, String detail) {}
