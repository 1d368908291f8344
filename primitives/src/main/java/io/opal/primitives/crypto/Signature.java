package io.opal.primitives.crypto;

import java.math.BigInteger;
import org.apache.tuweni.units.bigints.UInt256;

/** An ECDSA secp256k1 signature with its recovery id (y parity of R, 0 or 1). */
public record Signature(UInt256 r, UInt256 s, int recoveryId) {
  /** The order n of the secp256k1 group. */
  public static final BigInteger CURVE_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  public static final UInt256 N = UInt256.valueOf(CURVE_ORDER);
  public static final UInt256 HALF_N = UInt256.valueOf(CURVE_ORDER.shiftRight(1));

  /** r and s are in [1, n-1] and the recovery id is 0 or 1. */
  public boolean isInRange() {
    return !r.isZero()
        && !s.isZero()
        && r.compareTo(N) < 0
        && s.compareTo(N) < 0
        && (recoveryId == 0 || recoveryId == 1);
  }

  /** EIP-2: s is at most n/2, the form every signature after Homestead must have. */
  public boolean isLowS() {
    return s.compareTo(HALF_N) <= 0;
  }

  /** The 64-byte compact form r ‖ s. */
  public byte[] compact() {
    byte[] out = new byte[64];
    System.arraycopy(r.toArrayUnsafe(), 0, out, 0, 32);
    System.arraycopy(s.toArrayUnsafe(), 0, out, 32, 32);
    return out;
  }
}
