package io.opal.primitives.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/tests TransactionTests: one dynamic test per (file, test, fork). Valid results must give
 * the same hash, sender and intrinsic gas; invalid ones must fail to decode or validate, with a
 * failure of a kind that corresponds to the fixture's exception name. No vector is skipped.
 */
class TransactionConformanceTest {
  private static final long CHAIN_ID = 1;
  private static final String DECODE = "decoding";

  /**
   * Fixture exception → the outcomes of ours that mean the same thing. Several fixture names cover
   * what we reject while decoding (an over-long field cannot be represented at all), and the
   * fixtures name a v that is wrong for every chain "INVALID_CHAINID" from EIP-155 on.
   */
  private static final Map<String, Set<String>> EQUIVALENT =
      Map.ofEntries(
          Map.entry("TYPE_NOT_SUPPORTED", Set.of(DECODE, "TYPE_NOT_SUPPORTED")),
          Map.entry(
              "INVALID_SIGNATURE_VRS",
              Set.of(
                  DECODE,
                  "INVALID_SIGNATURE",
                  "SIGNATURE_S_TOO_HIGH",
                  "REPLAY_PROTECTION_NOT_ACTIVE")),
          Map.entry("INVALID_CHAINID", Set.of(DECODE, "WRONG_CHAIN_ID", "INVALID_SIGNATURE")),
          Map.entry("EC_RECOVERY_FAIL", Set.of("SENDER_RECOVERY_FAILED")),
          Map.entry("INTRINSIC_GAS_TOO_LOW", Set.of("INTRINSIC_GAS_TOO_LOW")),
          Map.entry("NONCE_TOO_BIG", Set.of("NONCE_MAX")),
          Map.entry("GASLIMIT_PRICE_PRODUCT_OVERFLOW", Set.of("GAS_LIMIT_PRICE_OVERFLOW")),
          Map.entry("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2", Set.of("TIP_ABOVE_FEE_CAP")),
          Map.entry("INITCODE_SIZE_EXCEEDED", Set.of("INITCODE_TOO_LARGE")));

  @TestFactory
  Stream<DynamicTest> transactionTests() {
    List<DynamicTest> tests = new ArrayList<>();
    Path root = Fixtures.require("ethereum-tests/TransactionTests");
    for (Path file : Fixtures.jsonFiles("ethereum-tests/TransactionTests")) {
      JsonNode json = Fixtures.readJson(file);
      for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> test = it.next();
        byte[] txBytes = Hex.decode(test.getValue().get("txbytes").asText());
        JsonNode results = test.getValue().get("result");
        for (Iterator<Map.Entry<String, JsonNode>> r = results.fields(); r.hasNext(); ) {
          Map.Entry<String, JsonNode> result = r.next();
          String name = root.relativize(file) + ":" + test.getKey() + ":" + result.getKey();
          EvmFork fork = EvmFork.fromTestName(result.getKey());
          tests.add(DynamicTest.dynamicTest(name, () -> check(txBytes, fork, result.getValue())));
        }
      }
    }
    return tests.stream();
  }

  private static void check(byte[] txBytes, EvmFork fork, JsonNode expected) {
    String outcome;
    Transaction tx = null;
    try {
      tx = TransactionCodec.decode(txBytes);
      outcome = validate(tx, fork).map(Enum::name).orElse(null);
    } catch (DecodingException e) {
      outcome = DECODE;
    }
    if (expected.has("exception")) {
      String exception = expected.get("exception").asText().replace("TransactionException.", "");
      assertTrue(outcome != null, "expected " + exception + " but the transaction is valid");
      Set<String> allowed = EQUIVALENT.getOrDefault(exception, Set.of(DECODE));
      assertTrue(allowed.contains(outcome), "expected " + exception + ", got " + outcome);
      return;
    }
    if (outcome != null) {
      fail("expected a valid transaction, got " + outcome);
    }
    assertEquals(Hash.fromHex(expected.get("hash").asText()), tx.hash(), "hash");
    assertEquals(Address.fromHex(expected.get("sender").asText()), tx.sender(), "sender");
    assertEquals(
        Long.decode(expected.get("intrinsicGas").asText()),
        IntrinsicGas.of(tx, fork),
        "intrinsic gas");
    assertArrayEquals(txBytes, TransactionCodec.encode(tx), "re-encoding gives the input back");
  }

  private static Optional<TransactionError> validate(Transaction tx, EvmFork fork) {
    return switch (new TransactionValidator(fork, CHAIN_ID).validateAndRecover(tx)) {
      case TransactionValidator.Valid valid -> {
        assertEquals(tx.sender(), valid.sender());
        yield Optional.empty();
      }
      case TransactionValidator.Invalid invalid -> Optional.of(invalid.error());
    };
  }
}
