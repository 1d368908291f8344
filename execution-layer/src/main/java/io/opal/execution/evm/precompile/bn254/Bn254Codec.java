package io.opal.execution.evm.precompile.bn254;

import java.util.Optional;

/**
 * Decoding of EIP-196/197 points: 32-byte big-endian coordinates that must be below p, (0, 0) or
 * all zeros for the point at infinity, otherwise on the curve; an F_p² element a·i + b is encoded
 * imaginary part first, as (a, b).
 */
final class Bn254Codec {

  private Bn254Codec() {}

  /** The G1 point at {@code offset} (64 bytes), or empty when it is not a valid encoding. */
  static Optional<G1Point> g1(byte[] in, int offset) {
    if (!Fp.isCanonical(in, offset) || !Fp.isCanonical(in, offset + 32)) {
      return Optional.empty();
    }
    Fp x = Fp.fromBytes(in, offset);
    Fp y = Fp.fromBytes(in, offset + 32);
    if (x.isZero() && y.isZero()) {
      return Optional.of(G1Point.INFINITY);
    }
    return G1Point.isOnCurve(x, y) ? Optional.of(G1Point.affine(x, y)) : Optional.empty();
  }

  /**
   * The G2 point at {@code offset} (128 bytes), or empty when it is not a valid encoding, not on
   * the twist, or not in the order-r subgroup.
   */
  static Optional<G2Point> g2(byte[] in, int offset) {
    for (int coordinate = 0; coordinate < 4; coordinate++) {
      if (!Fp.isCanonical(in, offset + 32 * coordinate)) {
        return Optional.empty();
      }
    }
    Fp2 x = new Fp2(Fp.fromBytes(in, offset + 32), Fp.fromBytes(in, offset));
    Fp2 y = new Fp2(Fp.fromBytes(in, offset + 96), Fp.fromBytes(in, offset + 64));
    if (x.isZero() && y.isZero()) {
      return Optional.of(G2Point.INFINITY);
    }
    if (!G2Point.isOnCurve(x, y)) {
      return Optional.empty();
    }
    G2Point point = G2Point.affine(x, y);
    return point.isInSubgroup() ? Optional.of(point) : Optional.empty();
  }
}
