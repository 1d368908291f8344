/**
 * The alt_bn128 (BN254) precompiles of EIP-196/197 (ECADD 0x06, ECMUL 0x07, ECPAIRING 0x08),
 * written from the curve's definition with no native library.
 *
 * <p>Entry point: {@link io.opal.execution.evm.precompile.bn254.Bn254Precompiles}, a factory of
 * {@link io.opal.execution.evm.precompile.PrecompiledContract} instances priced for a fork.
 * Everything else is package-private:
 *
 * <pre>
 *   Fp (Montgomery, 4×64-bit limbs) → Fp2 = Fp[i]/(i²+1) → Fp6 = Fp2[v]/(v³−ξ) → Fp12 = Fp6[w]/(w²−v)
 *   G1Point: y² = x³ + 3 over Fp          G2Point: y² = x³ + 3/ξ over Fp2 (ξ = 9 + i), subgroup check
 *   OptimalAtePairing: multi-pair Miller loop over 6u+2 (NAF) + final exponentiation
 *   Bn254Codec: EIP-196/197 point encodings;  EcAdd, EcMul, EcPairing: the contracts
 * </pre>
 *
 * <p>Field elements, points and pairing values are immutable records and every contract is
 * stateless, so one instance serves all threads.
 */
package io.opal.execution.evm.precompile.bn254;
