package io.opal.execution.evm.precompile;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * 0x100 P256VERIFY: ECDSA verification on secp256r1 (NIST P-256), as RIP-7212 defines it (OP Stack
 * from Fjord, 3450 gas) and EIP-7951 re-specifies it for Ethereum (Osaka, 6900 gas). Input is
 * exactly 160 bytes: hash ‖ r ‖ s ‖ x ‖ y. Output is the 32-byte word 1 for a valid signature and
 * empty for anything else (a success either way: callers check the returned length).
 *
 * <p>Checks, per both specs: r and s in [1, n-1]; x and y in [0, p) and (x, y) on the curve (which
 * also rejects (0, 0), the usual encoding of infinity); R' = (h·s⁻¹)·G + (r·s⁻¹)·Q not infinity;
 * R'.x ≡ r (mod n). The hash is used as a 256-bit integer (no truncation is needed for P-256), and
 * there is no low-s (malleability) rule.
 */
public final class P256Verify implements PrecompiledContract {
  /** RIP-7212's price, the OP Stack's from Fjord. */
  public static final long RIP_7212_GAS = 3450;

  /** EIP-7951's price on Ethereum from Osaka. */
  public static final long EIP_7951_GAS = 6900;

  static final int INPUT_LENGTH = 160;

  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECCurve CURVE = P256.getCurve();
  private static final ECPoint G = P256.getG();
  private static final BigInteger N = P256.getN();
  private static final BigInteger P = CURVE.getField().getCharacteristic();
  private static final byte[] VALID = validWord();

  private final long gas;

  public P256Verify(long gas) {
    this.gas = gas;
  }

  @Override
  public long gas(byte[] input) {
    return gas;
  }

  @Override
  public PrecompileResult run(byte[] input) {
    boolean valid;
    try {
      valid = input.length == INPUT_LENGTH && verify(input);
    } catch (RuntimeException e) {
      // BouncyCastle rejects some malformed points by throwing; for the caller that is "invalid".
      valid = false;
    }
    return PrecompileResult.success(valid ? VALID.clone() : new byte[0]);
  }

  private static boolean verify(byte[] in) {
    BigInteger h = word(in, 0);
    BigInteger r = word(in, 32);
    BigInteger s = word(in, 64);
    BigInteger x = word(in, 96);
    BigInteger y = word(in, 128);
    if (!inScalarRange(r) || !inScalarRange(s) || x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
      return false;
    }
    ECPoint q = CURVE.createPoint(x, y);
    if (!q.isValid()) { // on the curve (the cofactor is 1, so also in the group); not infinity
      return false;
    }
    BigInteger sInverse = s.modInverse(N);
    BigInteger u1 = h.mod(N).multiply(sInverse).mod(N);
    BigInteger u2 = r.multiply(sInverse).mod(N);
    ECPoint point = ECAlgorithms.sumOfTwoMultiplies(G, u1, q, u2).normalize();
    if (point.isInfinity()) {
      return false;
    }
    return point.getAffineXCoord().toBigInteger().mod(N).equals(r);
  }

  private static boolean inScalarRange(BigInteger v) {
    return v.signum() > 0 && v.compareTo(N) < 0;
  }

  private static BigInteger word(byte[] in, int offset) {
    return new BigInteger(1, in, offset, 32);
  }

  private static byte[] validWord() {
    byte[] out = new byte[32];
    out[31] = 1;
    return out;
  }

  @Override
  public String name() {
    return "p256verify";
  }
}
