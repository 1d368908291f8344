package io.opal.execution.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hex;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class P256VerifyTest {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  private static final BigInteger N = CURVE.getN();
  private static final BigInteger P = CURVE.getCurve().getField().getCharacteristic();
  private static final byte[] ONE = Hex.decode("0x" + "00".repeat(31) + "01");

  private final P256Verify p256 = new P256Verify(P256Verify.RIP_7212_GAS);

  private static byte[] input(
      BigInteger h, BigInteger r, BigInteger s, BigInteger x, BigInteger y) {
    byte[] in = new byte[160];
    BigInteger[] words = {h, r, s, x, y};
    for (int i = 0; i < 5; i++) {
      byte[] raw = words[i].toByteArray();
      int n = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - n, in, 32 * i + 32 - n, n);
    }
    return in;
  }

  private boolean verifies(byte[] in) {
    PrecompileResult result = p256.run(in);
    assertTrue(result.success(), "P256VERIFY never fails; invalid is an empty success");
    if (result.output().length == 0) {
      return false;
    }
    assertArrayEquals(ONE, result.output());
    return true;
  }

  private static BigInteger sha256(String message) throws Exception {
    return new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(message.getBytes()));
  }

  // RFC 6979 appendix A.2.5 (ECDSA, 256 bits, prime field): the P-256 key and two SHA-256
  // signatures printed there. RIP-7212 prints no vector of its own.
  private static final BigInteger UX =
      new BigInteger("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6", 16);
  private static final BigInteger UY =
      new BigInteger("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", 16);

  @Test
  void rfc6979SignaturesVerify() throws Exception {
    BigInteger sampleR =
        new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16);
    BigInteger sampleS =
        new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16);
    BigInteger testR =
        new BigInteger("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367", 16);
    BigInteger testS =
        new BigInteger("019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083", 16);
    assertTrue(verifies(input(sha256("sample"), sampleR, sampleS, UX, UY)));
    assertTrue(verifies(input(sha256("test"), testR, testS, UX, UY)));
    // Crossed messages and signatures do not.
    assertTrue(!verifies(input(sha256("test"), sampleR, sampleS, UX, UY)));
    assertTrue(!verifies(input(sha256("sample"), testR, testS, UX, UY)));
    // No malleability rule: (r, n - s) is valid too.
    assertTrue(verifies(input(sha256("sample"), sampleR, N.subtract(sampleS), UX, UY)));
  }

  @Test
  void generatedSignaturesVerifyAndMutationsDoNot() {
    Random random = new Random(7212);
    ECDomainParameters domain =
        new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), N, CURVE.getH());
    for (int i = 0; i < 40; i++) {
      BigInteger d =
          new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      ECPoint q = CURVE.getG().multiply(d).normalize();
      BigInteger x = q.getAffineXCoord().toBigInteger();
      BigInteger y = q.getAffineYCoord().toBigInteger();
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      ECDSASigner signer = new ECDSASigner();
      signer.init(
          true,
          new org.bouncycastle.crypto.params.ParametersWithRandom(
              new ECPrivateKeyParameters(d, domain), new SecureRandom()));
      BigInteger[] rs = signer.generateSignature(hash);
      BigInteger h = new BigInteger(1, hash);
      BigInteger r = rs[0];
      BigInteger s = rs[1];
      assertTrue(verifies(input(h, r, s, x, y)), "case " + i);
      assertTrue(!verifies(input(h.add(BigInteger.ONE), r, s, x, y)));
      assertTrue(!verifies(input(h, r.add(BigInteger.ONE).mod(N), s, x, y)));
      assertTrue(!verifies(input(h, r, s.add(BigInteger.ONE).mod(N), x, y)));
      assertTrue(!verifies(input(h, r, s, x, P.subtract(y)))); // -Q
      assertTrue(!verifies(input(h, r, s, x, y.add(BigInteger.ONE)))); // off the curve
      assertTrue(!verifies(input(h, r.add(N), s, x, y)), "r ≥ n is out of range, not reduced");
      assertTrue(!verifies(input(h, r, s.add(N), x, y)));
      byte[] in = input(h, r, s, x, y);
      assertTrue(!verifies(java.util.Arrays.copyOf(in, 159)));
      assertTrue(!verifies(java.util.Arrays.copyOf(in, 161)));
    }
  }

  @Test
  void rangeAndPointChecks() throws Exception {
    BigInteger h = sha256("sample");
    BigInteger r = BigInteger.ONE;
    BigInteger s = BigInteger.ONE;
    BigInteger gx = CURVE.getG().getAffineXCoord().toBigInteger();
    BigInteger gy = CURVE.getG().getAffineYCoord().toBigInteger();
    assertTrue(!verifies(input(h, BigInteger.ZERO, s, gx, gy)));
    assertTrue(!verifies(input(h, r, BigInteger.ZERO, gx, gy)));
    assertTrue(!verifies(input(h, N, s, gx, gy)));
    assertTrue(!verifies(input(h, r, N, gx, gy)));
    assertTrue(!verifies(input(h, r, s, BigInteger.ZERO, BigInteger.ZERO)), "(0,0) is no point");
    assertTrue(!verifies(input(h, r, s, gx.add(P), gy)), "x ≥ p");
    assertTrue(!verifies(input(h, r, s, gx, gy.add(P))), "y ≥ p");
    assertTrue(!verifies(new byte[0]));
    assertTrue(!verifies(new byte[160]));
  }

  @Test
  void aSignatureWhoseRPointIsInfinityIsRejected() {
    // With Q = G, h = n - r and s = 1, R' = h·G + r·G = n·G = infinity.
    BigInteger gx = CURVE.getG().getAffineXCoord().toBigInteger();
    BigInteger gy = CURVE.getG().getAffineYCoord().toBigInteger();
    BigInteger r = BigInteger.valueOf(12345);
    assertTrue(!verifies(input(N.subtract(r), r, BigInteger.ONE, gx, gy)));
  }

  @Test
  void pricesPerSpec() {
    assertEquals(3450, p256.gas(new byte[160]));
    assertEquals(6900, new P256Verify(P256Verify.EIP_7951_GAS).gas(new byte[0]));
  }

  @Test
  void randomInputsNeverThrow() {
    Random random = new Random(256);
    for (int i = 0; i < 300; i++) {
      byte[] in = new byte[i % 2 == 0 ? 160 : random.nextInt(200)];
      random.nextBytes(in);
      verifies(in);
    }
  }
}
