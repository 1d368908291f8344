package io.opal.execution.evm.precompile;

/**
 * A precompile with an upper bound on its input length, as OP forks put on the variable-length ones
 * (Granite's bn256 pairing limit and its successors). The price is the wrapped contract's; an input
 * longer than the bound fails after that price is charged, so the call loses all its gas — op-geth
 * checks the length in Run, after RequiredGas.
 */
public record InputSizeLimited(PrecompiledContract inner, int maxInputBytes)
    implements PrecompiledContract {

  public InputSizeLimited {
    if (maxInputBytes < 0) {
      throw new IllegalArgumentException("negative input limit " + maxInputBytes);
    }
  }

  @Override
  public long gas(byte[] input) {
    return inner.gas(input);
  }

  @Override
  public PrecompileResult run(byte[] input) {
    if (input.length > maxInputBytes) {
      return PrecompileResult.failure();
    }
    return inner.run(input);
  }

  @Override
  public String name() {
    return inner.name();
  }
}
