package io.opal.execution.op;

import io.opal.execution.state.StateReader;
import io.opal.execution.state.Word256;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;

/**
 * The L1 data fee and operator fee parameters in force in a block, as the L1Block predeploy holds
 * them once the block's deposits have run (exec-engine.md, "L1-Cost fees"; isthmus/exec-engine.md
 * "Configuring Operator Fee Parameters"). op-geth reads them from storage at the block's first
 * non-deposit transaction; so does {@link #readFrom}.
 *
 * @param l1BaseFee slot 1
 * @param overhead slot 5: the pre-Ecotone fee overhead
 * @param scalar slot 6: the pre-Ecotone fee scalar (scaled by 1e6)
 * @param l1BlobBaseFee slot 7 (Ecotone)
 * @param baseFeeScalar slot 3, bytes [16, 20) (Ecotone), a uint32
 * @param blobBaseFeeScalar slot 3, bytes [20, 24) (Ecotone), a uint32
 * @param operatorFeeScalar slot 8, bytes [20, 24) (Isthmus), a uint32
 * @param operatorFeeConstant slot 8, bytes [24, 32) (Isthmus), an unsigned 64-bit value
 */
public record L1FeeParams(
    BigInteger l1BaseFee,
    BigInteger overhead,
    BigInteger scalar,
    BigInteger l1BlobBaseFee,
    long baseFeeScalar,
    long blobBaseFeeScalar,
    long operatorFeeScalar,
    long operatorFeeConstant) {

  public static final L1FeeParams ZERO =
      new L1FeeParams(
          BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0, 0, 0, 0);

  private static final Word256 BASE_FEE_SLOT = Word256.of(1);
  private static final Word256 SCALARS_SLOT = Word256.of(3);
  private static final Word256 OVERHEAD_SLOT = Word256.of(5);
  private static final Word256 SCALAR_SLOT = Word256.of(6);
  private static final Word256 BLOB_BASE_FEE_SLOT = Word256.of(7);
  private static final Word256 OPERATOR_FEE_SLOT = Word256.of(8);

  /**
   * The parameters as the L1Block contract in {@code state} stores them, reading only the slots the
   * fork's formulas use (as op-geth does, so that a stateless witness need hold no others): base
   * fee, overhead and scalar before Ecotone; base fee, scalars and blob base fee from Ecotone
   * (overhead and scalar too while the Ecotone ones are unset); the operator fee slot from Isthmus.
   */
  public static L1FeeParams readFrom(StateReader state, OpFork fork) {
    BigInteger baseFee = uint(state, BASE_FEE_SLOT);
    BigInteger overhead = BigInteger.ZERO;
    BigInteger scalar = BigInteger.ZERO;
    BigInteger blobBaseFee = BigInteger.ZERO;
    long baseFeeScalar = 0;
    long blobBaseFeeScalar = 0;
    if (fork.isAtLeast(OpFork.ECOTONE)) {
      byte[] scalars = slot(state, SCALARS_SLOT);
      baseFeeScalar = bigEndian(scalars, 16, 4);
      blobBaseFeeScalar = bigEndian(scalars, 20, 4);
      blobBaseFee = uint(state, BLOB_BASE_FEE_SLOT);
    }
    boolean ecotoneUnset =
        blobBaseFee.signum() == 0 && baseFeeScalar == 0 && blobBaseFeeScalar == 0;
    if (ecotoneUnset) {
      overhead = uint(state, OVERHEAD_SLOT);
      scalar = uint(state, SCALAR_SLOT);
    }
    long operatorScalar = 0;
    long operatorConstant = 0;
    if (fork.isAtLeast(OpFork.ISTHMUS)) {
      byte[] operator = slot(state, OPERATOR_FEE_SLOT);
      operatorScalar = bigEndian(operator, 20, 4);
      operatorConstant = bigEndian(operator, 24, 8);
    }
    return new L1FeeParams(
        baseFee,
        overhead,
        scalar,
        blobBaseFee,
        baseFeeScalar,
        blobBaseFeeScalar,
        operatorScalar,
        operatorConstant);
  }

  /**
   * No Ecotone parameter is set yet: the L1Block contract has not received an Ecotone-style update.
   * True in the Ecotone activation block, which therefore still uses the pre-Ecotone formula.
   */
  public boolean ecotoneParamsUnset() {
    return l1BlobBaseFee.signum() == 0 && baseFeeScalar == 0 && blobBaseFeeScalar == 0;
  }

  private static byte[] slot(StateReader state, Word256 key) {
    return state.storage(Predeploys.L1_BLOCK, key).toBytes();
  }

  private static BigInteger uint(StateReader state, Word256 key) {
    return new BigInteger(1, slot(state, key));
  }

  /** Reads {@code length} (at most 8) bytes as an unsigned big-endian number held in a long. */
  static long bigEndian(byte[] b, int offset, int length) {
    long v = 0;
    for (int i = 0; i < length; i++) {
      v = (v << 8) | (b[offset + i] & 0xff);
    }
    return v;
  }
}
