package io.opal.execution.evm.precompile.bls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * blst's Pippenger (reached through the FFM API) against one multiplication per point through
 * jblst's own binding, on random terms that include the awkward cases for bucket methods: repeated
 * points (doubling inside a bucket), a point and its negation, terms that cancel to infinity.
 */
class BlstPippengerTest {
  private static final BigInteger R = Bls12Encoding.R;

  @ParameterizedTest(name = "{0} terms")
  @ValueSource(ints = {2, 3, 5, 8, 17, 64, 130})
  void g1AgreesWithOneByOne(int n) {
    Random random = new Random(n);
    List<P1_Affine> points = new ArrayList<>();
    List<BigInteger> scalars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      P1_Affine point =
          i % 4 == 3
              ? points.get(random.nextInt(points.size())) // repeated point
              : P1.generator().mult(scalar(random)).to_affine();
      points.add(point);
      scalars.add(scalar(random));
    }
    assertArrayEquals(
        Bls12Operations.g1SumOneByOne(points, scalars),
        Bls12Operations.g1SumByPippenger(points, scalars));
  }

  @ParameterizedTest(name = "{0} terms")
  @ValueSource(ints = {2, 3, 5, 8, 17, 64})
  void g2AgreesWithOneByOne(int n) {
    Random random = new Random(n);
    List<P2_Affine> points = new ArrayList<>();
    List<BigInteger> scalars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      P2_Affine point =
          i % 4 == 3
              ? points.get(random.nextInt(points.size()))
              : P2.generator().mult(scalar(random)).to_affine();
      points.add(point);
      scalars.add(scalar(random));
    }
    assertArrayEquals(
        Bls12Operations.g2SumOneByOne(points, scalars),
        Bls12Operations.g2SumByPippenger(points, scalars));
  }

  /** s·P + (r − s)·P + t·(−Q) + t·Q = infinity; and P·1 + (−P)·1 + P·2 = 2P. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3})
  void cancellingTerms(int seed) {
    Random random = new Random(seed);
    BigInteger s = scalar(random);
    BigInteger t = scalar(random);
    P1 p = P1.generator().mult(scalar(random));
    P1 q = P1.generator().mult(scalar(random));
    List<P1_Affine> points =
        List.of(p.to_affine(), p.to_affine(), q.dup().neg().to_affine(), q.to_affine());
    List<BigInteger> scalars = List.of(s, R.subtract(s), t, t);
    assertArrayEquals(new byte[128], Bls12Operations.g1SumByPippenger(points, scalars));

    P2 u = P2.generator().mult(scalar(random));
    List<P2_Affine> twist = List.of(u.to_affine(), u.dup().neg().to_affine(), u.to_affine());
    List<BigInteger> small = List.of(BigInteger.ONE, BigInteger.ONE, BigInteger.TWO);
    assertArrayEquals(
        Bls12Encoding.encodeG2(u.dup().dbl()), Bls12Operations.g2SumByPippenger(twist, small));
  }

  private static BigInteger scalar(Random random) {
    BigInteger s = new BigInteger(255, random).mod(R);
    return s.signum() == 0 ? BigInteger.ONE : s;
  }
}
