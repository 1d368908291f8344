package io.opal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Hash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hand-written answer for hash results (eth_sendRawTransaction) is the JSON Jackson writes. */
class ResponseEncoderTest {
  private static final Hash HASH =
      Hash.fromHex("0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b");

  private static String result(RequestId id, Object value) throws Exception {
    return new String(
        RpcDispatcher.ResponseEncoder.result(id, value, Long.MAX_VALUE), StandardCharsets.UTF_8);
  }

  @Test
  void hashWithNumericIdIsWrittenByHand() throws Exception {
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":"
            + "\"0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b\"}",
        result(new RequestId.NumberId("42"), HASH));
  }

  @Test
  void handWrittenAnswerMatchesTheGeneratorsForEveryIdKind() throws Exception {
    // a string id goes through Jackson; the numeric one must parse to the same object shape
    String viaJackson = result(new RequestId.StringId("1.50"), HASH);
    String byHand = result(new RequestId.NumberId("1.50"), HASH);
    JsonNode a = RpcJson.MAPPER.readTree(viaJackson);
    JsonNode b = RpcJson.MAPPER.readTree(byHand);
    assertEquals(a.get("result"), b.get("result"));
    assertEquals(true, b.get("id").isNumber());
    assertEquals(true, byHand.contains("\"id\":1.50,")); // the literal is echoed as received
    assertEquals(a.get("jsonrpc"), b.get("jsonrpc"));
    assertEquals(3, b.size());
  }
}
