package io.opal.execution.evm.precompile.bn254;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * ECMUL (EIP-196): a G1 point and a 256-bit scalar (any value, also ≥ r) in, their product out;
 * input read as if right-padded to 96 bytes.
 */
record EcMul(long gasCost) implements PrecompiledContract {

  private static final int INPUT_LENGTH = 96;

  @Override
  public long gas(byte[] input) {
    return gasCost;
  }

  @Override
  public PrecompileResult run(byte[] input) {
    byte[] padded = Arrays.copyOf(input, INPUT_LENGTH);
    Optional<G1Point> point = Bn254Codec.g1(padded, 0);
    if (point.isEmpty()) {
      return PrecompileResult.failure();
    }
    BigInteger scalar = new BigInteger(1, Arrays.copyOfRange(padded, 64, 96));
    return PrecompileResult.success(point.get().mul(scalar).toBytes());
  }

  @Override
  public String name() {
    return "ecmul";
  }
}
