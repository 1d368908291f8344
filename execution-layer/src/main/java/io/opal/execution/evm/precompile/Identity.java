package io.opal.execution.evm.precompile;

/** 0x04 IDENTITY: returns its input; 15 gas plus 3 per word. */
public final class Identity implements PrecompiledContract {
  static final long BASE_GAS = 15;
  static final long WORD_GAS = 3;

  @Override
  public long gas(byte[] input) {
    return Words.linearGas(input.length, BASE_GAS, WORD_GAS);
  }

  @Override
  public PrecompileResult run(byte[] input) {
    // A copy: the caller's memory may change after the call while the return data must not.
    return PrecompileResult.success(input.clone());
  }

  @Override
  public String name() {
    return "identity";
  }
}
