package io.opal.execution.evm.precompile.bn254;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import java.util.Arrays;
import java.util.Optional;

/** ECADD (EIP-196): two G1 points in, their sum out; input read as if right-padded to 128 bytes. */
record EcAdd(long gasCost) implements PrecompiledContract {

  private static final int INPUT_LENGTH = 128;

  @Override
  public long gas(byte[] input) {
    return gasCost;
  }

  @Override
  public PrecompileResult run(byte[] input) {
    byte[] padded = Arrays.copyOf(input, INPUT_LENGTH);
    Optional<G1Point> a = Bn254Codec.g1(padded, 0);
    Optional<G1Point> b = Bn254Codec.g1(padded, 64);
    if (a.isEmpty() || b.isEmpty()) {
      return PrecompileResult.failure();
    }
    return PrecompileResult.success(a.get().add(b.get()).toBytes());
  }

  @Override
  public String name() {
    return "ecadd";
  }
}
