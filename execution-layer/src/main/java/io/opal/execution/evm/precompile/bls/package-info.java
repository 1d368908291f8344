/**
 * The BLS12-381 precompiles of EIP-2537 (0x0b–0x11), on blst through jblst.
 *
 * <p>{@link io.opal.execution.evm.precompile.bls.Bls12Precompiles} is the entry point: the seven
 * contracts by address, and the OP Isthmus input limits for the registry to apply. Inside, {@code
 * Bls12Encoding} translates EIP-2537's byte layout to blst's and validates it, {@code
 * Bls12Operations} does the arithmetic with jblst's SWIG classes, and the two blst functions that
 * binding lacks (map-to-curve and Pippenger MSM) are called through {@code ForeignFunctions}.
 */
package io.opal.execution.evm.precompile.bls;
