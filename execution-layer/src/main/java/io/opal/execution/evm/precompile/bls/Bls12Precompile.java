package io.opal.execution.evm.precompile.bls;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/** One EIP-2537 precompile: a gas function and an operation that throws on bad input. */
final class Bls12Precompile implements PrecompiledContract {
  private final String name;
  private final ToLongFunction<byte[]> gas;
  private final UnaryOperator<byte[]> operation;

  Bls12Precompile(String name, ToLongFunction<byte[]> gas, UnaryOperator<byte[]> operation) {
    this.name = name;
    this.gas = gas;
    this.operation = operation;
  }

  @Override
  public long gas(byte[] input) {
    return gas.applyAsLong(input);
  }

  @Override
  public PrecompileResult run(byte[] input) {
    try {
      return PrecompileResult.success(operation.apply(input));
    } catch (RuntimeException e) {
      // DecodingException for bad input; blst's binding reports its errors as RuntimeException.
      // Either way the EIP's answer is failure, and run must not throw.
      return PrecompileResult.failure();
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
