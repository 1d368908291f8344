package io.opal.primitives.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;

/** Pure-Java secp256k1 on BouncyCastle: the fallback when the native library does not load. */
final class BouncyCastleSecp256k1 implements Secp256k1 {
  static final BouncyCastleSecp256k1 INSTANCE = new BouncyCastleSecp256k1();

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  private static final BigInteger N = PARAMS.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);
  private static final BigInteger P = SecP256K1Curve.q;

  private BouncyCastleSecp256k1() {}

  static Signature fromCompact(byte[] compact64, int recId) {
    return new Signature(
        UInt256.fromBytes(Bytes32.wrap(Arrays.copyOfRange(compact64, 0, 32))),
        UInt256.fromBytes(Bytes32.wrap(Arrays.copyOfRange(compact64, 32, 64))),
        recId);
  }

  @Override
  public Optional<byte[]> recoverPublicKey(byte[] hash32, Signature signature) {
    if (!signature.isInRange()) {
      return Optional.empty();
    }
    BigInteger r = signature.r().toBigInteger();
    BigInteger s = signature.s().toBigInteger();
    // SEC 1 v2, 4.1.6 with x = r (Ethereum's recovery ids never add n to r).
    if (r.compareTo(P) >= 0) {
      return Optional.empty();
    }
    ECPoint bigR = decompress(r, (signature.recoveryId() & 1) == 1);
    if (bigR == null) {
      return Optional.empty();
    }
    BigInteger e = new BigInteger(1, hash32);
    BigInteger rInv = r.modInverse(N);
    BigInteger u1 = N.subtract(e).mod(N).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), u1, bigR, u2).normalize();
    if (q.isInfinity()) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(q.getEncoded(false), 1, 65));
  }

  private static ECPoint decompress(BigInteger x, boolean yOdd) {
    byte[] encoded = new byte[33];
    encoded[0] = (byte) (yOdd ? 0x03 : 0x02);
    byte[] xb = x.toByteArray();
    int len = Math.min(xb.length, 32);
    System.arraycopy(xb, xb.length - len, encoded, 33 - len, len);
    try {
      return DOMAIN.getCurve().decodePoint(encoded);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
  }

  @Override
  public Signature sign(byte[] hash32, byte[] privateKey32) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey32), DOMAIN));
    BigInteger[] rs = signer.generateSignature(hash32);
    BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
    byte[] pub = publicKey(privateKey32);
    for (int recId = 0; recId < 2; recId++) {
      Signature candidate = new Signature(UInt256.valueOf(rs[0]), UInt256.valueOf(s), recId);
      Optional<byte[]> recovered = recoverPublicKey(hash32, candidate);
      if (recovered.isPresent() && Arrays.equals(recovered.get(), pub)) {
        return candidate;
      }
    }
    throw new IllegalStateException("signature does not recover to its own key");
  }

  @Override
  public byte[] publicKey(byte[] privateKey32) {
    ECPoint q =
        new FixedPointCombMultiplier()
            .multiply(DOMAIN.getG(), new BigInteger(1, privateKey32))
            .normalize();
    return Arrays.copyOfRange(q.getEncoded(false), 1, 65);
  }

  @Override
  public String name() {
    return "BouncyCastle";
  }
}
