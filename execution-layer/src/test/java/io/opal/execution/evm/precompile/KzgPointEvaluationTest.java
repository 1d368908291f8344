package io.opal.execution.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Hex;
import io.opal.primitives.testing.Fixtures;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * POINT_EVALUATION (0x0a). The conformance cases come from the ethereum/tests
 * (execution-spec-tests) Cancun state tests whose transaction data is passed verbatim to the
 * precompile — either sent to 0x0a directly or through a contract that CALLs 0x0a with its whole
 * call data. Those tests record only a post-state root, so the expected outcome is read from each
 * test's name, as the test generator wrote it (for example "verify_kzg_proof_case_correct_proof_…",
 * "success_False-…").
 */
class KzgPointEvaluationTest {
  private static final String DIR =
      "ethereum-tests/GeneralStateTests/Pyspecs/cancun/eip4844_blobs/";
  private static final Pattern CASE = Pattern.compile("\\[fork_Cancun-state_test-+(.*)]$");

  private final KzgPointEvaluation kzg = new KzgPointEvaluation();

  /** Expected success from the generator's case name, per file. */
  private static boolean expectsSuccess(String file, String name) {
    return switch (file) {
      case "point_evaluation_precompile_external_vectors.json" ->
          name.contains("-verify_kzg_proof_case_correct_proof");
      case "invalid_precompile_calls.json", "valid_precompile_calls.json" ->
          name.startsWith("success_True");
      // "-correct…" / "-incorrect…" name the proof; the gas variants do not change the input.
      case "point_evaluation_precompile_calls.json", "point_evaluation_precompile_gas_tx_to.json" ->
          !name.contains("incorrect");
      default -> throw new IllegalArgumentException(file);
    };
  }

  @TestFactory
  List<DynamicTest> ethereumTestsVectors() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file :
        List.of(
            "point_evaluation_precompile_external_vectors.json",
            "invalid_precompile_calls.json",
            "valid_precompile_calls.json",
            "point_evaluation_precompile_calls.json",
            "point_evaluation_precompile_gas_tx_to.json")) {
      Path path = Fixtures.require(DIR + file);
      JsonNode root = Fixtures.readJson(path);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        Matcher m = CASE.matcher(entry.getKey());
        if (!m.find()) {
          throw new IllegalStateException("unexpected test id " + entry.getKey());
        }
        String name = m.group(1);
        boolean success = expectsSuccess(file, name);
        byte[] input = Hex.decode(entry.getValue().get("transaction").get("data").get(0).asText());
        tests.add(
            DynamicTest.dynamicTest(
                file + ": " + name,
                () -> {
                  PrecompileResult result = kzg.run(input);
                  assertEquals(success, result.success());
                  if (success) {
                    assertArrayEquals(expectedOutput(), result.output());
                  }
                }));
      }
    }
    return tests;
  }

  private static byte[] expectedOutput() {
    // EIP-4844: FIELD_ELEMENTS_PER_BLOB = 4096 and BLS_MODULUS, as two 32-byte words.
    return Hex.decode(
        "0x0000000000000000000000000000000000000000000000000000000000001000"
            + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
  }

  @Test
  void outputConstantsMatchTheEip() {
    assertEquals(
        new BigInteger(
            "52435875175126190479447740508185965837690552500527637822603658699938581184513"),
        new BigInteger(1, Arrays.copyOfRange(expectedOutput(), 32, 64)));
    assertEquals(50_000, kzg.gas(new byte[0]));
  }

  @Test
  void theProofOfTheZeroPolynomialVerifies() {
    // Commitment and proof are the point at infinity; p(z) = 0 for every z < BLS_MODULUS.
    byte[] infinity = new byte[48];
    infinity[0] = (byte) 0xc0;
    byte[] input = new byte[192];
    System.arraycopy(KzgPointEvaluation.versionedHash(infinity), 0, input, 0, 32);
    input[63] = 42; // z
    System.arraycopy(infinity, 0, input, 96, 48);
    System.arraycopy(infinity, 0, input, 144, 48);
    assertTrue(kzg.run(input).success());

    byte[] nonZeroY = input.clone();
    nonZeroY[95] = 1;
    assertFalse(kzg.run(nonZeroY).success());

    byte[] wrongVersion = input.clone();
    wrongVersion[0] = 0x02;
    assertFalse(kzg.run(wrongVersion).success());

    byte[] zAtModulus = input.clone();
    System.arraycopy(Arrays.copyOfRange(expectedOutput(), 32, 64), 0, zAtModulus, 32, 32);
    assertFalse(kzg.run(zAtModulus).success());
  }

  @Test
  void versionedHashIsVersionByteThenSha256Tail() {
    byte[] commitment = new byte[48];
    commitment[0] = (byte) 0xc0;
    byte[] sha = new Sha256().run(commitment).output();
    byte[] versioned = KzgPointEvaluation.versionedHash(commitment);
    assertEquals(0x01, versioned[0]);
    assertArrayEquals(Arrays.copyOfRange(sha, 1, 32), Arrays.copyOfRange(versioned, 1, 32));
  }

  @Test
  void malformedInputsFailWithoutThrowing() {
    Random random = new Random(4844);
    for (int length : new int[] {0, 1, 191, 193, 1000}) {
      assertFalse(kzg.run(new byte[length]).success());
    }
    for (int i = 0; i < 50; i++) {
      byte[] input = new byte[192];
      random.nextBytes(input);
      // A matching versioned hash gets past the cheap check into c-kzg's point decoding.
      System.arraycopy(
          KzgPointEvaluation.versionedHash(Arrays.copyOfRange(input, 96, 144)), 0, input, 0, 32);
      assertFalse(kzg.run(input).success());
    }
  }
}
