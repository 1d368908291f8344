package io.opal.execution.evm.precompile.bn254;

import static io.opal.execution.evm.precompile.bn254.TestPoints.P;

import java.math.BigInteger;

/**
 * A deliberately naive affine G1 implementation on BigInteger, straight from the textbook chord and
 * tangent rules, to check the Jacobian limb arithmetic against. {@code null} is infinity.
 */
final class AffineReference {

  record Point(BigInteger x, BigInteger y) {}

  private AffineReference() {}

  static Point add(Point a, Point b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    BigInteger lambda;
    if (a.x.equals(b.x)) {
      if (a.y.add(b.y).mod(P).signum() == 0) {
        return null;
      }
      BigInteger numerator = a.x.pow(2).multiply(BigInteger.valueOf(3));
      lambda = numerator.multiply(a.y.shiftLeft(1).modInverse(P)).mod(P);
    } else {
      lambda = b.y.subtract(a.y).multiply(b.x.subtract(a.x).modInverse(P)).mod(P);
    }
    BigInteger x = lambda.pow(2).subtract(a.x).subtract(b.x).mod(P);
    BigInteger y = lambda.multiply(a.x.subtract(x)).subtract(a.y).mod(P);
    return new Point(x, y);
  }

  static Point mul(Point a, BigInteger k) {
    Point acc = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = add(acc, acc);
      if (k.testBit(i)) {
        acc = add(acc, a);
      }
    }
    return acc;
  }

  /** The 64-byte EIP-196 encoding. */
  static byte[] encode(Point a) {
    byte[] out = new byte[64];
    if (a != null) {
      System.arraycopy(TestPoints.word(a.x), 0, out, 0, 32);
      System.arraycopy(TestPoints.word(a.y), 0, out, 32, 32);
    }
    return out;
  }
}
