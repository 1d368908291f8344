package io.opal.execution.evm;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The block a transaction runs in, as the EVM sees it. {@code difficulty} is what DIFFICULTY
 * returns before the Merge; from Paris the same opcode returns {@code prevRandao}. {@code
 * excessBlobGas} sets the blob base fee from Cancun.
 */
public record BlockEnv(
    long number,
    Address coinbase,
    long timestamp,
    long gasLimit,
    UInt256 baseFee,
    UInt256 difficulty,
    Hash prevRandao,
    long excessBlobGas,
    long chainId,
    BlockHashLookup blockHashes) {

  static final long BLOB_GAS_PER_BLOB = 131_072;
  private static final BigInteger MIN_BLOB_BASE_FEE = BigInteger.ONE;

  /** EIP-4844's blob base fee: fake_exponential(1, excess, update fraction of the fork). */
  public UInt256 blobBaseFee(EvmSpec spec) {
    if (!spec.blobs) {
      return UInt256.ZERO;
    }
    return UInt256.valueOf(
        fakeExponential(
            MIN_BLOB_BASE_FEE,
            BigInteger.valueOf(excessBlobGas),
            BigInteger.valueOf(spec.blobBaseFeeUpdateFraction)));
  }

  /** factor · e^(numerator / denominator), by the Taylor series EIP-4844 specifies. */
  static BigInteger fakeExponential(
      BigInteger factor, BigInteger numerator, BigInteger denominator) {
    BigInteger output = BigInteger.ZERO;
    BigInteger accum = factor.multiply(denominator);
    for (int i = 1; accum.signum() > 0; i++) {
      output = output.add(accum);
      accum = accum.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(denominator);
  }
}
