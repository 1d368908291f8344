package io.opal.execution.evm.precompile;

/** The output of a precompile, or failure (which consumes all gas given to the call). */
public record PrecompileResult(boolean success, byte[] output) {
  private static final PrecompileResult FAILURE = new PrecompileResult(false, new byte[0]);

  public static PrecompileResult success(byte[] output) {
    return new PrecompileResult(true, output);
  }

  public static PrecompileResult failure() {
    return FAILURE;
  }
}
