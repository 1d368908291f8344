package io.opal.rpc.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.block.Receipt;
import io.opal.rpc.ChainReader.ChainReceipt;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The logs a node publishes to logs subscribers for a new block must be the logs eth_getLogs
 * returns for that block (same indexes, hashes, positions); a reorg's dropped logs differ only in
 * {@code removed}. The dev node once published no logs at all, which the ethers script revealed.
 */
class BlockLogsTest {
  @Test
  void publishedLogsAreTheLogsGetLogsReturns() throws IOException {
    try (EthFixture f = new EthFixture()) {
      List<Receipt> receipts =
          f.node.receipts.get(f.block1.hash()).stream().map(ChainReceipt::receipt).toList();
      List<RpcLog> logs = EthSubscriptions.blockLogs(f.block1, receipts, false);
      JsonNode expected = f.result("eth_getLogs", "[{\"blockHash\":\"" + f.block1.hash() + "\"}]");
      assertEquals(3, expected.size(), "the fixture's block 1 has three logs in two transactions");
      assertEquals(expected, json(logs));

      List<RpcLog> dropped = EthSubscriptions.blockLogs(f.block1, receipts, true);
      ArrayNode markedRemoved = (ArrayNode) expected.deepCopy();
      markedRemoved.forEach(n -> ((ObjectNode) n).put("removed", true));
      assertEquals(markedRemoved, json(dropped));
    }
  }

  @Test
  void aBlockWithoutLogsPublishesNothing() {
    try (EthFixture f = new EthFixture()) {
      List<Receipt> receipts =
          f.node.receipts.get(f.block2.hash()).stream().map(ChainReceipt::receipt).toList();
      assertTrue(EthSubscriptions.blockLogs(f.block2, receipts, false).isEmpty());
      assertFalse(receipts.isEmpty());
    }
  }

  private static JsonNode json(List<RpcLog> logs) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = EthFixture.JSON.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (RpcLog l : logs) {
        l.writeJson(g);
      }
      g.writeEndArray();
    }
    return EthFixture.JSON.readTree(out.toString());
  }
}
