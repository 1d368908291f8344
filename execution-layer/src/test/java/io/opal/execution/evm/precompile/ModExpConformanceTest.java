package io.opal.execution.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.testing.Fixtures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * MODEXP cases of the execution-spec-tests state test {@code eip198_modexp_precompile/modexp.json}:
 * the transaction data goes verbatim to 0x05 (through a contract that CALLs it with its call data),
 * and the generator wrote the expected result into each case's name ("…-ExpectedOutput_call_return_
 * code_0x01-returned_data_0x…").
 *
 * <p>Skipped: the "EIP-198-case…" entries, whose names carry no expected output; the same EIP-198
 * examples are checked with their printed results in {@link ModExpTest}.
 */
class ModExpConformanceTest {
  private static final String FILE =
      "ethereum-tests/GeneralStateTests/Pyspecs/byzantium/eip198_modexp_precompile/modexp.json";
  private static final Pattern CASE =
      Pattern.compile(
          "\\[fork_(\\w+)-state_test-(ModExpInput_.*-ExpectedOutput_call_return_code_0x0(\\d)"
              + "-returned_data_0x([0-9a-f]*))]$");

  @TestFactory
  List<DynamicTest> namedCases() {
    JsonNode root = Fixtures.readJson(Fixtures.require(FILE));
    List<DynamicTest> tests = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Matcher m = CASE.matcher(entry.getKey());
      if (!m.find()) {
        continue; // an EIP-198-case… entry: see the class comment
      }
      EvmFork fork = EvmFork.fromTestName(m.group(1));
      boolean success = m.group(3).equals("1");
      String expected = "0x" + m.group(4);
      byte[] input = Hex.decode(entry.getValue().get("transaction").get("data").get(0).asText());
      tests.add(
          DynamicTest.dynamicTest(
              fork + " " + m.group(2),
              () -> {
                PrecompileResult result = ModExp.forFork(fork).run(input);
                assertEquals(success, result.success());
                assertEquals(expected, Hex.encode(result.output()));
              }));
    }
    assertTrue(tests.size() >= 30, "the fixture's named cases were found: " + tests.size());
    return tests;
  }
}
