package io.opal.execution.evm.precompile.bls;

import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.G1;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.G2;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.fp;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.g1;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.g2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Random and hostile inputs: never an exception, always a failure or a well-formed output. */
class Bls12GarbageInputTest {
  private static final Map<Address, PrecompiledContract> ALL = Bls12Precompiles.all();
  private static final int[] OUTPUT_LENGTHS = {128, 128, 256, 256, 32, 128, 256};

  @TestFactory
  Stream<DynamicTest> randomBytesNeverThrow() {
    return ALL.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getValue().name(), () -> fuzz(e.getValue(), outputLength(e.getKey()))));
  }

  private static void fuzz(PrecompiledContract contract, int outputLength) {
    Random random = new Random(contract.name().hashCode());
    int[] lengths = {0, 1, 31, 32, 63, 64, 65, 127, 128, 129, 160, 255, 256, 288, 384, 512, 576};
    for (int length : lengths) {
      for (int i = 0; i < 20; i++) {
        byte[] input = new byte[length];
        random.nextBytes(input);
        if (i % 2 == 1) {
          // keep the 16 padding bytes of every 64-byte element zero, so decoding gets further
          for (int at = 0; at + 16 <= length; at += 64) {
            java.util.Arrays.fill(input, at, at + 16, (byte) 0);
          }
        }
        PrecompileResult result = contract.run(input);
        assertTrue(contract.gas(input) >= 0);
        if (result.success()) {
          assertEquals(outputLength, result.output().length);
        }
      }
    }
  }

  /**
   * blst reads the top three bits of a coordinate as flags (0x40 = infinity); here they make the
   * value at least p, so the point is invalid, never infinity.
   */
  @Test
  void blstFlagBitsAreNotFlags() {
    String infinityFlag = "40" + "00".repeat(47);
    String compressedFlag = "80" + Bls12TestPoints.G1_X.substring(2);
    String zero = "00".repeat(48);
    assertFails(Bls12Precompiles.g1Add(), g1(infinityFlag, zero) + G1);
    assertFails(Bls12Precompiles.g1Add(), g1(compressedFlag, Bls12TestPoints.G1_Y) + G1);
    assertFails(Bls12Precompiles.g1Msm(), g1(infinityFlag, zero) + "00".repeat(32));
    assertFails(Bls12Precompiles.g2Add(), g2(infinityFlag, zero, zero, zero) + G2);
    assertFails(Bls12Precompiles.g2Add(), g2(zero, infinityFlag, zero, zero) + G2);
    assertFails(Bls12Precompiles.mapFpToG1(), fp(infinityFlag));
  }

  /** Every coordinate's padding is checked, not only the first. */
  @Test
  void nonZeroPaddingAnywhereFails() {
    byte[] g1Input = Hex.decode(G1 + G1);
    byte[] g2Input = Hex.decode(G2 + G2);
    for (int element = 0; element < 4; element++) {
      byte[] bad = g1Input.clone();
      bad[element * 64 + 15] = 1;
      assertFalse(Bls12Precompiles.g1Add().run(bad).success(), "G1 element " + element);
    }
    for (int element = 0; element < 8; element++) {
      byte[] bad = g2Input.clone();
      bad[element * 64 + 15] = 1;
      assertFalse(Bls12Precompiles.g2Add().run(bad).success(), "G2 element " + element);
    }
    assertTrue(Bls12Precompiles.g1Add().run(g1Input).success());
    assertTrue(Bls12Precompiles.g2Add().run(g2Input).success());
  }

  /** A point whose x is the modulus p itself (the smallest value out of range). */
  @Test
  void coordinateEqualToTheModulusFails() {
    String p =
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";
    assertFails(Bls12Precompiles.mapFpToG1(), fp(p));
    assertFails(Bls12Precompiles.g1Add(), g1(p, Bls12TestPoints.G1_Y) + G1);
    assertFails(Bls12Precompiles.mapFp2ToG2(), fp("00".repeat(48)) + fp(p));
  }

  private static void assertFails(PrecompiledContract contract, String input) {
    PrecompileResult result = contract.run(Hex.decode(input));
    assertFalse(result.success(), contract.name() + " accepted " + input);
    assertEquals(0, result.output().length);
  }

  private static int outputLength(Address address) {
    return OUTPUT_LENGTHS[address.toArray()[19] - 0x0b];
  }
}
