package io.opal.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.app.node.OpalNode;
import io.opal.primitives.crypto.DevAccounts;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Foundry {@code cast} against an in-process {@code opal node --dev}. */
class CastDevNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECIPIENT = "0x00000000000000000000000000000000c0ffee02";

  @TempDir Path datadir;

  @Test
  void castSendsEtherAndReadsTheReceipt() throws Exception {
    Path cast = Tools.bin("cast");
    try (OpalNode node =
        OpalNode.startDev(
            new OpalNode.Options(datadir, "127.0.0.1", 0, Duration.ofSeconds(1)), b -> {})) {
      String rpc = "http://127.0.0.1:" + node.rpcPort();
      assertEquals("901", Tools.run(cast, "chain-id", "--rpc-url", rpc).strip());
      String key = DevAccounts.standard(1).get(0).privateKey().toHexString();

      JsonNode sent =
          JSON.readTree(
              Tools.run(
                  cast,
                  "send",
                  "--json",
                  "--private-key",
                  key,
                  "--rpc-url",
                  rpc,
                  RECIPIENT,
                  "--value",
                  "1ether"));
      assertEquals("0x1", sent.get("status").asText(), sent.toString());
      String txHash = sent.get("transactionHash").asText();

      JsonNode receipt =
          JSON.readTree(Tools.run(cast, "receipt", "--json", "--rpc-url", rpc, txHash));
      assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
      assertEquals(txHash, receipt.get("transactionHash").asText());
      assertEquals(
          BigInteger.TEN.pow(18).toString(),
          Tools.run(cast, "balance", "--rpc-url", rpc, RECIPIENT).strip());
    }
  }
}
