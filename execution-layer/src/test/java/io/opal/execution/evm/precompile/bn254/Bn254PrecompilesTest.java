package io.opal.execution.evm.precompile.bn254;

import static io.opal.execution.evm.precompile.bn254.TestPoints.G2_GENERATOR;
import static io.opal.execution.evm.precompile.bn254.TestPoints.P;
import static io.opal.execution.evm.precompile.bn254.TestPoints.R;
import static io.opal.execution.evm.precompile.bn254.TestPoints.word;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.fork.EvmFork;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The three precompiles through their byte interface, as the EVM calls them. */
class Bn254PrecompilesTest {

  private static final PrecompiledContract ADD = Bn254Precompiles.add(EvmFork.CANCUN);
  private static final PrecompiledContract MUL = Bn254Precompiles.mul(EvmFork.CANCUN);
  private static final PrecompiledContract PAIRING = Bn254Precompiles.pairing(EvmFork.CANCUN);

  private static final AffineReference.Point P1 =
      new AffineReference.Point(BigInteger.ONE, BigInteger.TWO);

  private static final byte[] ONE = word(BigInteger.ONE);
  private static final byte[] ZERO = new byte[32];

  private final Random random = new Random(213);

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** EIP-197 encoding of a G2 point: x.imaginary ‖ x.real ‖ y.imaginary ‖ y.real. */
  private static byte[] g2(G2Point q) {
    if (q.isInfinity()) {
      return new byte[128];
    }
    Fp2[] affine = q.toAffine();
    return g2(affine[0], affine[1]);
  }

  private static byte[] g2(Fp2 x, Fp2 y) {
    byte[] out = new byte[128];
    x.c1().toBytes(out, 0);
    x.c0().toBytes(out, 32);
    y.c1().toBytes(out, 64);
    y.c0().toBytes(out, 96);
    return out;
  }

  private static byte[] g1(BigInteger k) {
    return AffineReference.encode(AffineReference.mul(P1, k));
  }

  private static byte[] ok(PrecompileResult result) {
    assertTrue(result.success(), "expected success");
    return result.output();
  }

  private static void fails(PrecompiledContract contract, byte[] input) {
    PrecompileResult result = contract.run(input);
    assertFalse(result.success(), "expected failure");
    assertEquals(0, result.output().length);
  }

  @Test
  void gasFollowsByzantiumThenEip1108() {
    byte[] twoPairs = new byte[384];
    for (EvmFork fork : new EvmFork[] {EvmFork.BYZANTIUM, EvmFork.PETERSBURG}) {
      assertEquals(500, Bn254Precompiles.add(fork).gas(new byte[0]));
      assertEquals(40_000, Bn254Precompiles.mul(fork).gas(new byte[0]));
      assertEquals(100_000, Bn254Precompiles.pairing(fork).gas(new byte[0]));
      assertEquals(260_000, Bn254Precompiles.pairing(fork).gas(twoPairs));
    }
    for (EvmFork fork : new EvmFork[] {EvmFork.ISTANBUL, EvmFork.CANCUN, EvmFork.OSAKA}) {
      assertEquals(150, Bn254Precompiles.add(fork).gas(new byte[0]));
      assertEquals(6_000, Bn254Precompiles.mul(fork).gas(new byte[0]));
      assertEquals(45_000, Bn254Precompiles.pairing(fork).gas(new byte[0]));
      assertEquals(113_000, Bn254Precompiles.pairing(fork).gas(twoPairs));
      assertEquals(45_000 + 34_000, Bn254Precompiles.pairing(fork).gas(new byte[383]));
    }
    assertThrows(IllegalArgumentException.class, () -> Bn254Precompiles.add(EvmFork.HOMESTEAD));
    assertFalse(Bn254Precompiles.isActive(EvmFork.SPURIOUS_DRAGON));
    assertEquals("ecpairing", PAIRING.name());
  }

  @Test
  void addMatchesReferenceAndHandlesInfinity() {
    for (int n = 0; n < 10; n++) {
      BigInteger a = TestPoints.randomScalar(random);
      BigInteger b = TestPoints.randomScalar(random);
      byte[] expected =
          AffineReference.encode(
              AffineReference.add(AffineReference.mul(P1, a), AffineReference.mul(P1, b)));
      assertArrayEquals(expected, ok(ADD.run(concat(g1(a), g1(b)))));
    }
    assertArrayEquals(
        g1(BigInteger.TWO), ok(ADD.run(concat(g1(BigInteger.ONE), g1(BigInteger.ONE)))));
    assertArrayEquals(
        new byte[64], ok(ADD.run(concat(g1(BigInteger.ONE), g1(R.subtract(BigInteger.ONE))))));
    assertArrayEquals(g1(BigInteger.ONE), ok(ADD.run(concat(g1(BigInteger.ONE), new byte[64]))));
    assertArrayEquals(new byte[64], ok(ADD.run(new byte[128])));
  }

  @Test
  void addPadsShortInputAndIgnoresSurplus() {
    assertArrayEquals(new byte[64], ok(ADD.run(new byte[0])));
    // Only the first point given: P + O = P.
    assertArrayEquals(g1(BigInteger.ONE), ok(ADD.run(g1(BigInteger.ONE))));
    byte[] seven = g1(BigInteger.valueOf(7));
    byte[] withSurplus =
        concat(g1(BigInteger.valueOf(3)), g1(BigInteger.valueOf(4)), new byte[] {1, 2, 3});
    assertArrayEquals(seven, ok(ADD.run(withSurplus)));
    // A 64-byte point x ‖ y whose y's trailing zero bytes are cut off still decodes.
    byte[] trailing = g1(BigInteger.ONE);
    for (int k = 2; k < 200; k++) {
      byte[] candidate = g1(BigInteger.valueOf(k));
      if (candidate[63] == 0) {
        trailing = candidate;
        break;
      }
    }
    assertEquals(0, trailing[63], "found a point whose encoding ends in a zero byte");
    assertArrayEquals(trailing, ok(ADD.run(Arrays.copyOf(trailing, 63))));
  }

  @Test
  void addRejectsBadPoints() {
    // (1, 2 + p) and (1 + p, 2) would be the generator if reduced mod p.
    fails(ADD, concat(ONE, word(BigInteger.TWO.add(P)), new byte[64]));
    fails(ADD, concat(new byte[64], word(BigInteger.ONE.add(P)), word(BigInteger.TWO)));
    fails(ADD, concat(ONE, word(BigInteger.valueOf(3)), new byte[64]));
    fails(ADD, concat(new byte[64], ZERO, ONE));
    fails(ADD, concat(g1(BigInteger.ONE), ONE, ZERO));
  }

  @Test
  void mulEqualsRepeatedAdd() {
    byte[] point = g1(TestPoints.randomScalar(random));
    byte[] sum = new byte[64];
    for (int k = 0; k <= 20; k++) {
      assertArrayEquals(sum, ok(MUL.run(concat(point, word(BigInteger.valueOf(k))))), "k=" + k);
      sum = ok(ADD.run(concat(sum, point)));
    }
  }

  @Test
  void mulAcceptsAnyScalar() {
    byte[] point = g1(BigInteger.valueOf(5));
    assertArrayEquals(new byte[64], ok(MUL.run(concat(point, word(R)))));
    assertArrayEquals(point, ok(MUL.run(concat(point, word(R.add(BigInteger.ONE))))));
    // Between the group order and the field modulus, above the modulus, and the maximum.
    for (BigInteger k :
        new BigInteger[] {
          R.add(BigInteger.TEN),
          P.add(BigInteger.valueOf(12345)),
          BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
          TestPoints.randomScalar(random)
        }) {
      byte[] expected = g1(BigInteger.valueOf(5).multiply(k).mod(R));
      assertArrayEquals(expected, ok(MUL.run(concat(point, word(k)))), k.toString());
    }
    assertArrayEquals(new byte[64], ok(MUL.run(concat(new byte[64], word(BigInteger.TEN)))));
  }

  @Test
  void mulPadsShortInput() {
    assertArrayEquals(new byte[64], ok(MUL.run(new byte[0])));
    assertArrayEquals(new byte[64], ok(MUL.run(g1(BigInteger.ONE))));
    // A one-byte scalar 0x01 is the top byte of 2^248.
    byte[] input = concat(g1(BigInteger.ONE), new byte[] {1});
    assertArrayEquals(g1(BigInteger.ONE.shiftLeft(248)), ok(MUL.run(input)));
    byte[] surplus = concat(g1(BigInteger.ONE), word(BigInteger.TWO), new byte[40]);
    assertArrayEquals(g1(BigInteger.TWO), ok(MUL.run(surplus)));
  }

  @Test
  void mulRejectsBadPoints() {
    fails(MUL, concat(word(BigInteger.ONE.add(P)), word(BigInteger.TWO), word(BigInteger.TWO)));
    fails(MUL, concat(ONE, word(BigInteger.valueOf(3)), word(BigInteger.TWO)));
    fails(MUL, concat(ONE, word(BigInteger.valueOf(3)), ZERO));
  }

  private static byte[] pairInput(BigInteger a, G2Point q) {
    return concat(g1(a), g2(q));
  }

  private static byte[] pairingResult(byte[] input) {
    return ok(PAIRING.run(input));
  }

  private static final byte[] TRUE = word(BigInteger.ONE);
  private static final byte[] FALSE = new byte[32];

  @Test
  void eip197GeneratorsPairAsExpected() {
    byte[] p1p2 = pairInput(BigInteger.ONE, G2_GENERATOR);
    byte[] minusP1p2 = pairInput(R.subtract(BigInteger.ONE), G2_GENERATOR);
    assertArrayEquals(TRUE, pairingResult(concat(p1p2, minusP1p2)));
    assertArrayEquals(FALSE, pairingResult(p1p2));
    assertArrayEquals(FALSE, pairingResult(concat(p1p2, p1p2)));
    assertArrayEquals(TRUE, pairingResult(new byte[0]));
  }

  @Test
  void pairingIsBilinearThroughThePrecompile() {
    for (int n = 0; n < 3; n++) {
      BigInteger a = TestPoints.randomScalar(random);
      BigInteger b = TestPoints.randomScalar(random);
      G2Point q = G2_GENERATOR.mul(b);
      // e(aP, Q)·e(−P, aQ) = 1 with P = G1 generator, Q = b·P2.
      byte[] input = concat(pairInput(a, q), pairInput(R.subtract(BigInteger.ONE), q.mul(a)));
      assertArrayEquals(TRUE, pairingResult(input));
      // e(aP, bQ)·e(−abP, Q) = 1.
      BigInteger ab = a.multiply(b).mod(R);
      byte[] three =
          concat(
              pairInput(a, G2_GENERATOR.mul(b)),
              pairInput(R.subtract(ab), G2_GENERATOR),
              pairInput(BigInteger.ONE, G2Point.INFINITY));
      assertArrayEquals(TRUE, pairingResult(three));
      byte[] offByOne =
          concat(
              pairInput(a, G2_GENERATOR.mul(b)),
              pairInput(R.subtract(ab).add(BigInteger.ONE), G2_GENERATOR));
      assertArrayEquals(FALSE, pairingResult(offByOne));
    }
  }

  @Test
  void pairsWithAPointAtInfinityContributeOne() {
    assertArrayEquals(TRUE, pairingResult(concat(new byte[64], g2(G2_GENERATOR))));
    assertArrayEquals(TRUE, pairingResult(concat(g1(BigInteger.ONE), new byte[128])));
    assertArrayEquals(TRUE, pairingResult(new byte[192 * 3]));
    assertArrayEquals(
        FALSE, pairingResult(concat(new byte[192], pairInput(BigInteger.ONE, G2_GENERATOR))));
  }

  @Test
  void pairingRejectsMalformedLengths() {
    byte[] valid =
        concat(pairInput(BigInteger.ONE, G2_GENERATOR), pairInput(BigInteger.TWO, G2_GENERATOR));
    for (int length : new int[] {1, 32, 191, 193, 383}) {
      fails(PAIRING, Arrays.copyOf(valid, length));
    }
  }

  @Test
  void pairingRejectsBadG1() {
    byte[] q = g2(G2_GENERATOR);
    fails(PAIRING, concat(word(BigInteger.ONE.add(P)), word(BigInteger.TWO), q));
    fails(PAIRING, concat(ONE, word(BigInteger.valueOf(3)), q));
    // A bad G1 point fails the call even when its G2 partner is infinity.
    fails(PAIRING, concat(ONE, word(BigInteger.valueOf(3)), new byte[128]));
  }

  @Test
  void pairingRejectsBadG2Encodings() {
    byte[] p = g1(BigInteger.ONE);
    byte[] q = g2(G2_GENERATOR);
    for (int coordinate = 0; coordinate < 4; coordinate++) {
      byte[] tooLarge = q.clone();
      BigInteger value =
          new BigInteger(1, Arrays.copyOfRange(q, coordinate * 32, coordinate * 32 + 32));
      System.arraycopy(word(value.add(P)), 0, tooLarge, coordinate * 32, 32);
      fails(PAIRING, concat(p, tooLarge));
    }
    byte[] offCurve = q.clone();
    offCurve[127] ^= 1;
    fails(PAIRING, concat(p, offCurve));
    // Real and imaginary parts swapped: the encoding order matters.
    byte[] swapped =
        g2(
            new Fp2(TestPoints.P2_X.c1(), TestPoints.P2_X.c0()),
            new Fp2(TestPoints.P2_Y.c1(), TestPoints.P2_Y.c0()));
    fails(PAIRING, concat(p, swapped));
  }

  @Test
  void pairingRejectsTwistPointsOutsideG2() {
    for (int n = 0; n < 3; n++) {
      G2Point outside = TestPoints.randomTwistPoint(random);
      Fp2[] affine = outside.toAffine();
      assertTrue(G2Point.isOnCurve(affine[0], affine[1]));
      fails(PAIRING, concat(g1(BigInteger.ONE), g2(outside)));
      // Even paired with the G1 point at infinity.
      fails(PAIRING, concat(new byte[64], g2(outside)));
    }
  }

  /** Random and mutated inputs of every length: a result or a failure, never an exception. */
  @Test
  void neverThrowsOnRandomInput() {
    byte[] valid =
        concat(
            pairInput(BigInteger.valueOf(3), G2_GENERATOR),
            pairInput(BigInteger.TWO, G2_GENERATOR));
    for (int n = 0; n < 400; n++) {
      byte[] input;
      if (n % 2 == 0) {
        input = new byte[random.nextInt(400)];
        random.nextBytes(input);
      } else {
        input =
            Arrays.copyOf(
                valid, random.nextBoolean() ? valid.length : random.nextInt(valid.length));
        if (input.length > 0) {
          input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      for (PrecompiledContract contract : new PrecompiledContract[] {ADD, MUL, PAIRING}) {
        PrecompileResult result = contract.run(input);
        int expectedLength = contract == PAIRING ? 32 : 64;
        assertEquals(result.success() ? expectedLength : 0, result.output().length);
      }
    }
  }
}
