package io.opal.execution.evm.precompile;

/**
 * A precompiled contract: a pure function of its input with a gas price that depends only on the
 * input (and on the fork, fixed when the instance is chosen).
 *
 * <p>The interpreter first asks {@link #gas(byte[])}, charges it (or halts with out-of-gas), and
 * only then calls {@link #run(byte[])}; so no expensive work happens before it is paid for.
 * Implementations never throw on any input: bad input is a {@link PrecompileResult#failure()}.
 */
public interface PrecompiledContract {

  /** Gas charged for {@code input}; {@code Long.MAX_VALUE} when it cannot be afforded at all. */
  long gas(byte[] input);

  /** Executes on {@code input}; a failure consumes all gas the call was given. */
  PrecompileResult run(byte[] input);

  /** A short name for traces and errors (e.g. "ecrecover"). */
  String name();
}
