package io.opal.execution.evm.precompile.bn254;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ECPAIRING (EIP-197): k pairs (G1 point, G2 point) of 192 bytes each; returns 32-byte 1 when the
 * product of their pairings is 1 (empty input included), 0 otherwise. A length that is not a
 * multiple of 192, a coordinate ≥ p, a point off its curve or a G2 point outside the order-r
 * subgroup fails the call.
 */
record EcPairing(long baseGas, long perPairGas) implements PrecompiledContract {

  static final int PAIR_LENGTH = 192;

  @Override
  public long gas(byte[] input) {
    return baseGas + perPairGas * (input.length / PAIR_LENGTH);
  }

  @Override
  public PrecompileResult run(byte[] input) {
    if (input.length % PAIR_LENGTH != 0) {
      return PrecompileResult.failure();
    }
    List<OptimalAtePairing.Pair> pairs = new ArrayList<>(input.length / PAIR_LENGTH);
    for (int offset = 0; offset < input.length; offset += PAIR_LENGTH) {
      Optional<G1Point> p = Bn254Codec.g1(input, offset);
      Optional<G2Point> q = Bn254Codec.g2(input, offset + 64);
      if (p.isEmpty() || q.isEmpty()) {
        return PrecompileResult.failure();
      }
      // e(O, Q) = e(P, O) = 1: such a pair does not change the product.
      if (!p.get().isInfinity() && !q.get().isInfinity()) {
        pairs.add(pair(p.get(), q.get()));
      }
    }
    byte[] out = new byte[32];
    out[31] = (byte) (OptimalAtePairing.isProductOne(pairs) ? 1 : 0);
    return PrecompileResult.success(out);
  }

  /** Decoded points are affine (Z = 1), so their coordinates go to the Miller loop as they are. */
  private static OptimalAtePairing.Pair pair(G1Point p, G2Point q) {
    return new OptimalAtePairing.Pair(p.x(), p.y(), q.x(), q.y());
  }

  @Override
  public String name() {
    return "ecpairing";
  }
}
