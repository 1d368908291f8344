package io.opal.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.app.node.OpalNode;
import io.opal.primitives.crypto.DevAccounts;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Foundry {@code cast} against an in-process {@code opal node --dev}. */
class CastDevNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECIPIENT = "0x00000000000000000000000000000000c0ffee02";

  @TempDir Path datadir;

  @Test
  void castSendsEtherAndReadsTheReceipt() throws Exception {
    Path cast = castBinary();
    try (OpalNode node =
        OpalNode.startDev(
            new OpalNode.Options(datadir, "127.0.0.1", 0, Duration.ofSeconds(1)), b -> {})) {
      String rpc = "http://127.0.0.1:" + node.rpcPort();
      assertEquals("901", run(cast, "chain-id", "--rpc-url", rpc).strip());
      String key = DevAccounts.standard(1).get(0).privateKey().toHexString();

      JsonNode sent =
          JSON.readTree(
              run(
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

      JsonNode receipt = JSON.readTree(run(cast, "receipt", "--json", "--rpc-url", rpc, txHash));
      assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
      assertEquals(txHash, receipt.get("transactionHash").asText());
      assertEquals(
          BigInteger.TEN.pow(18).toString(),
          run(cast, "balance", "--rpc-url", rpc, RECIPIENT).strip());
    }
  }

  private static Path castBinary() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("tools/js"))) {
      dir = dir.getParent();
    }
    Assumptions.assumeTrue(dir != null, "tools/js not found above the working directory");
    Path cast = dir.resolve("tools/js/node_modules/.bin/cast");
    Assumptions.assumeTrue(
        Files.isExecutable(cast),
        () -> "cast missing, skipped: run scripts/npm-tools.sh (" + cast + ")");
    return cast;
  }

  /** Runs cast, fails with its output unless it exits 0 within a minute; returns stdout. */
  private static String run(Path cast, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(cast.toString()));
    command.addAll(List.of(args));
    Path errFile = Files.createTempFile("cast", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("cast " + args[0] + " timed out");
      }
      String stdout = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "cast "
                + args[0]
                + " exited "
                + p.exitValue()
                + ": "
                + stdout
                + Files.readString(errFile));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(errFile);
    }
  }
}
