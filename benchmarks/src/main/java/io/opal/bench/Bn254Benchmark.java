package io.opal.bench;

import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.execution.evm.precompile.bn254.Bn254Precompiles;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The alt_bn128 precompiles: ECADD, ECMUL with a full-width scalar, and ECPAIRING on two pairs (the
 * shape of a Groth16-style check) and on one pair.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Bn254Benchmark {

  private static final BigInteger ORDER =
      new BigInteger(
          "21888242871839275222246405745257275088548364400416034343698204186575808495617");

  /** G2's generator as printed in EIP-197, encoded x.imaginary ‖ x.real ‖ y.imaginary ‖ y.real. */
  private static final byte[] G2_GENERATOR =
      Hex.decode(
          "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
              + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
              + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
              + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa");

  private final PrecompiledContract add = Bn254Precompiles.add(EvmFork.PRAGUE);
  private final PrecompiledContract mul = Bn254Precompiles.mul(EvmFork.PRAGUE);
  private final PrecompiledContract pairing = Bn254Precompiles.pairing(EvmFork.PRAGUE);

  private byte[] addInput;
  private byte[] mulInput;
  private byte[] onePairInput;
  private byte[] twoPairInput;

  @Setup
  public void setUp() {
    BigInteger a = new BigInteger("1234567890123456789012345678901234567890");
    byte[] generator = concat(word(BigInteger.ONE), word(BigInteger.TWO));
    byte[] aP = multiply(generator, a);
    byte[] minusAp = multiply(generator, ORDER.subtract(a));
    addInput = concat(aP, generator);
    mulInput = concat(aP, word(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.valueOf(189))));
    onePairInput = concat(aP, G2_GENERATOR);
    twoPairInput = concat(aP, G2_GENERATOR, minusAp, G2_GENERATOR);
    if (pairing.run(twoPairInput).output()[31] != 1) {
      throw new IllegalStateException("e(aP, Q)·e(−aP, Q) should be 1");
    }
  }

  private byte[] multiply(byte[] point, BigInteger scalar) {
    return mul.run(concat(point, word(scalar))).output();
  }

  private static byte[] word(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }

  @Benchmark
  public Object ecAdd() {
    return add.run(addInput);
  }

  @Benchmark
  public Object ecMul() {
    return mul.run(mulInput);
  }

  @Benchmark
  public Object ecPairingOnePair() {
    return pairing.run(onePairInput);
  }

  @Benchmark
  public Object ecPairingTwoPairs() {
    return pairing.run(twoPairInput);
  }
}
