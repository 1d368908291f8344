package io.opal.rpc.backend;

import static io.opal.rpc.backend.BackendChain.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.execution.state.Word256;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Receipts of a Regolith chain: the L1 fee by the overhead/scalar formula and op-geth's decimal
 * {@code l1FeeScalar}, without the Ecotone fields.
 */
class PreEcotoneReceiptTest {

  private static JsonNode receipt(long scalar) {
    Map<Word256, Word256> slots =
        Map.of(
            Word256.of(1), Word256.of(BackendChain.L1_BASE_FEE),
            Word256.of(5), Word256.of(188),
            Word256.of(6), Word256.of(scalar));
    try (BackendChain c = new BackendChain(OpFork.REGOLITH, slots)) {
      return c.result("eth_getTransactionReceipt", "[" + q(c.logCall.hash().toString()) + "]");
    }
  }

  @Test
  void scalarIsPrintedAsADecimalFraction() {
    JsonNode r = receipt(684_000);
    assertEquals("0.684", r.get("l1FeeScalar").asText());
    assertFalse(r.has("l1BaseFeeScalar"), r.toString());
    assertFalse(r.has("l1BlobBaseFee"), r.toString());
    assertEquals(BackendChain.L1_BASE_FEE, Long.decode(r.get("l1GasPrice").asText()));
    // Regolith: l1GasUsed = calldata gas (4 per zero byte, 16 per other) + overhead; the fee is
    // l1GasUsed * l1BaseFee * scalar / 1e6.
    BigInteger gasUsed = new BigInteger(r.get("l1GasUsed").asText().substring(2), 16);
    BigInteger fee = new BigInteger(r.get("l1Fee").asText().substring(2), 16);
    assertEquals(
        gasUsed
            .multiply(BigInteger.valueOf(BackendChain.L1_BASE_FEE))
            .multiply(BigInteger.valueOf(684_000))
            .divide(BigInteger.valueOf(1_000_000)),
        fee);
  }

  @Test
  void wholeScalarHasNoFraction() {
    assertEquals("1", receipt(1_000_000).get("l1FeeScalar").asText());
    assertEquals("1.5", receipt(1_500_000).get("l1FeeScalar").asText());
  }
}
