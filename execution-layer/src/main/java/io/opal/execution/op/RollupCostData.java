package io.opal.execution.op;

/**
 * What the L1 data fee of a transaction depends on, taken from its full signed EIP-2718 envelope:
 * the counts of zero and non-zero bytes (Bedrock and Ecotone formulas) and its FastLZ-compressed
 * size (Fjord on). Deposits have none: they pay no L1 data fee.
 */
public record RollupCostData(long zeroes, long ones, long fastLzSize) {

  /** The cost data of a transaction's canonical envelope. */
  public static RollupCostData of(byte[] envelope) {
    long zeroes = 0;
    for (byte b : envelope) {
      if (b == 0) {
        zeroes++;
      }
    }
    return new RollupCostData(zeroes, envelope.length - zeroes, FastLz.compressedLength(envelope));
  }

  /** Calldata gas as EIP-2028 prices it: 4 per zero byte, 16 per other byte. */
  public long calldataGas() {
    return zeroes * 4 + ones * 16;
  }
}
