package io.opal.execution.op;

import java.math.BigInteger;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The OP fee fields of a sequenced transaction's receipt as op-geth serves them over RPC: the L1
 * data fee with the parameters it was priced at, the operator fee parameters (Isthmus) and the DA
 * footprint (Jovian).
 *
 * @param l1GasPrice the L1 base fee
 * @param l1FeeScalar the pre-Ecotone fee scalar (scaled by 1e6); zero from Ecotone
 * @param l1BaseFeeScalar from Ecotone
 * @param l1BlobBaseFeeScalar from Ecotone
 * @param operatorFeeScalar from Isthmus (RPC shows it only when it or the constant is non-zero)
 * @param operatorFeeConstant from Isthmus, unsigned
 * @param daFootprintGasScalar from Jovian
 * @param daFootprint from Jovian: the transaction's DA footprint (its receipt's blobGasUsed)
 */
public record RollupFeeDetails(
    BigInteger l1Fee,
    BigInteger l1GasUsed,
    BigInteger l1GasPrice,
    BigInteger l1BlobBaseFee,
    BigInteger l1FeeScalar,
    long l1BaseFeeScalar,
    long l1BlobBaseFeeScalar,
    long operatorFeeScalar,
    long operatorFeeConstant,
    OptionalInt daFootprintGasScalar,
    OptionalLong daFootprint) {}
