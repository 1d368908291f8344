package io.opal.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.primitives.crypto.Keccak256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opal devnet} as a user runs it: a child process serving its L1 and L2, blocks every block
 * time, a {@code cast send} included with OP receipt fields that agree with the GasPriceOracle, a
 * deposit made on L1 through the OptimismPortal arriving on L2, the admin RPC behind its JWT, and a
 * clean stop after which the same data dir resumes the same chain.
 */
class DevnetTest {
  private static final String GAS_PRICE_ORACLE = "0x420000000000000000000000000000000000000F";
  private static final String ONE_ETHER = BigInteger.TEN.pow(18).toString();

  @TempDir Path datadir;

  @Test
  void devnetWithItsEmbeddedL1() throws Exception {
    int l1Port = Tools.freePort();
    exercise(
        "http://127.0.0.1:" + l1Port,
        false,
        "--l1.port",
        Integer.toString(l1Port),
        "--l1.block-time",
        "1");
  }

  @Test
  void devnetOnAnvil() throws Exception {
    Path anvil = Tools.bin("anvil");
    int l1Port = Tools.freePort();
    Process l1 =
        new ProcessBuilder(
                anvil.toString(), "--port", Integer.toString(l1Port), "--block-time", "1")
            .redirectErrorStream(true)
            .redirectOutput(datadir.resolveSibling(datadir.getFileName() + "-anvil.log").toFile())
            .start();
    try {
      String l1Url = "http://127.0.0.1:" + l1Port;
      awaitRpc(l1Url);
      exercise(l1Url, true, "--l1-rpc", l1Url);
    } finally {
      l1.descendants().forEach(ProcessHandle::destroyForcibly);
      l1.destroyForcibly();
      l1.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs a devnet with {@code args}, checks everything, stops it (SIGTERM, or SIGKILL while it
   * seals a block every second), restarts it and checks that no sealed block was lost.
   */
  private void exercise(String l1Url, boolean kill, String... args) throws Exception {
    Path cast = Tools.bin("cast");
    String[] ports = {
      "--http.port", Integer.toString(Tools.freePort()),
      "--admin.port", Integer.toString(Tools.freePort()),
      "--block-time", "1"
    };
    String[] all = concat(ports, args);
    long sealedBefore;
    String blockHashBefore;
    try (DevnetProcess d = DevnetProcess.start(datadir, all)) {
      JsonNode m = d.manifest();
      String l2 = m.get("l2RpcUrl").asText();
      assertEquals(901, m.get("l2ChainId").asLong());
      assertEquals(l1Url, m.get("l1RpcUrl").asText());
      String portal = m.get("l1Contracts").get("OptimismPortalProxy").asText();
      assertTrue(portal.startsWith("0x") && portal.length() == 42, m.toString());

      // blocks every block time (1 s), logged with number, hash, txs, gas and L1 origin
      long n0 = number(Tools.result(l2, "eth_blockNumber", "[]"));
      Thread.sleep(3_500);
      long n1 = number(Tools.result(l2, "eth_blockNumber", "[]"));
      assertTrue(n1 >= n0 + 2, "blocks " + n0 + " -> " + n1 + " in 3.5 s\n" + d.output());
      long t1 = timestamp(l2, n1);
      assertEquals(t1 - 1, timestamp(l2, n1 - 1), "1 s between blocks");
      assertTrue(
          d.awaitLine(l -> l.contains("sequenced L2 block #" + n1 + " "), 10)
              .contains("L1 origin"));

      // a transfer with cast; its OP receipt fields match the GasPriceOracle at that block
      String key = DevAccounts.standard(1).get(0).privateKey().toHexString();
      String recipient = "0x00000000000000000000000000000000c0ffee03";
      JsonNode sent =
          Tools.JSON.readTree(
              Tools.run(
                  cast,
                  "send",
                  "--json",
                  "--private-key",
                  key,
                  "--rpc-url",
                  l2,
                  recipient,
                  "--value",
                  "1ether"));
      assertEquals("0x1", sent.get("status").asText(), sent.toString());
      JsonNode receipt =
          Tools.result(
              l2,
              "eth_getTransactionReceipt",
              "[\"" + sent.get("transactionHash").asText() + "\"]");
      String block = receipt.get("blockNumber").asText();
      assertTrue(number(receipt.get("l1Fee")) > 0, receipt.toString());
      assertEquals(
          new BigInteger(receipt.get("l1GasPrice").asText().substring(2), 16).toString(),
          gpo(cast, l2, block, "l1BaseFee()(uint256)"));
      assertEquals(
          new BigInteger(receipt.get("l1BlobBaseFee").asText().substring(2), 16).toString(),
          gpo(cast, l2, block, "blobBaseFee()(uint256)"));
      assertEquals(
          Long.toString(number(receipt.get("l1BaseFeeScalar"))),
          gpo(cast, l2, block, "baseFeeScalar()(uint32)"));
      assertEquals(
          Long.toString(number(receipt.get("l1BlobBaseFeeScalar"))),
          gpo(cast, l2, block, "blobBaseFeeScalar()(uint32)"));

      // a deposit through the portal on L1 mints on L2
      depositArrives(cast, l1Url, l2, portal, key);

      // the admin RPC: JWT required; the sequencer is active and reports its heads
      String admin = m.get("adminRpcUrl").asText();
      String secret = Files.readString(datadir.resolve("jwt.hex")).strip();
      Map<String, String> auth = Map.of("Authorization", "Bearer " + jwt(secret));
      assertTrue(Tools.rpc(admin, auth, "admin_sequencerActive", "[]").get("result").asBoolean());
      JsonNode status = Tools.rpc(admin, auth, "optimism_syncStatus", "[]").get("result");
      assertTrue(status.get("unsafe_l2").get("number").asLong() >= n1, status.toString());
      assertTrue(status.get("head_l1").get("number").asLong() > 0, status.toString());
      assertUnauthorized(admin);

      if (kill) {
        d.kill();
        // the last block it logged as sealed must be there after the restart
        Matcher last = Pattern.compile("sequenced L2 block #(\\d+) (0x[0-9a-f]{64})").matcher("");
        sealedBefore = -1;
        blockHashBefore = null;
        for (String line : d.output().split("\n")) {
          if (last.reset(line).find()) {
            sealedBefore = Long.parseLong(last.group(1));
            blockHashBefore = last.group(2);
          }
        }
        assertTrue(sealedBefore > 0, "no sealed block logged before the kill:\n" + d.output());
      } else {
        sealedBefore = number(Tools.result(l2, "eth_blockNumber", "[]"));
        blockHashBefore = blockHash(l2, sealedBefore);
        d.stop();
        assertFalse(d.output().contains("Exception"), d.output());
      }
    }

    // the same data dir resumes the same chain, on new ports
    all = concat(ports, args);
    all[1] = Integer.toString(Tools.freePort());
    all[3] = Integer.toString(Tools.freePort());
    try (DevnetProcess d = DevnetProcess.start(datadir, all)) {
      String l2 = d.manifest().get("l2RpcUrl").asText();
      assertEquals(blockHashBefore, blockHash(l2, sealedBefore), "the sealed block survived");
      long after = sealedBefore + 2;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (number(Tools.result(l2, "eth_blockNumber", "[]")) < after) {
        assertTrue(System.nanoTime() < deadline, "no new blocks after restart\n" + d.output());
        Thread.sleep(200);
      }
      d.stop();
    }
  }

  private void depositArrives(Path cast, String l1, String l2, String portal, String key)
      throws Exception {
    String recipient = "0x00000000000000000000000000000000de9051f0";
    JsonNode sent =
        Tools.JSON.readTree(
            Tools.run(
                cast,
                "send",
                "--json",
                "--private-key",
                key,
                "--rpc-url",
                l1,
                portal,
                "depositTransaction(address,uint256,uint64,bool,bytes)",
                recipient,
                ONE_ETHER,
                "100000",
                "false",
                "0x",
                "--value",
                "1ether"));
    assertEquals("0x1", sent.get("status").asText(), sent.toString());
    JsonNode log = sent.get("logs").get(0);
    // sourceHash = keccak256(bytes32(0) ++ keccak256(l1BlockHash ++ bytes32(logIndex)))
    byte[] inner = new byte[64];
    System.arraycopy(Hex.decode(log.get("blockHash").asText()), 0, inner, 0, 32);
    byte[] index = BigInteger.valueOf(number(log.get("logIndex"))).toByteArray();
    System.arraycopy(index, 0, inner, 64 - index.length, index.length);
    byte[] outer = new byte[64];
    System.arraycopy(Keccak256.hash(inner), 0, outer, 32, 32);
    String sourceHash = "0x" + Hex.encode(Keccak256.hash(outer)).replaceFirst("^0x", "");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Tools.run(cast, "balance", "--rpc-url", l2, recipient).strip().equals(ONE_ETHER)) {
      assertTrue(System.nanoTime() < deadline, "the deposit did not arrive on L2 within 60 s");
      Thread.sleep(250);
    }
    long head = number(Tools.result(l2, "eth_blockNumber", "[]"));
    JsonNode deposit = null;
    for (long n = head; n > 0 && deposit == null; n--) {
      for (JsonNode tx :
          Tools.result(l2, "eth_getBlockByNumber", "[\"0x" + Long.toHexString(n) + "\",true]")
              .get("transactions")) {
        if (sourceHash.equalsIgnoreCase(tx.path("sourceHash").asText())) {
          deposit = tx;
        }
      }
    }
    assertTrue(deposit != null, "no L2 deposit with sourceHash " + sourceHash);
    assertEquals("0x7e", deposit.get("type").asText());
    assertEquals(
        ONE_ETHER, new BigInteger(deposit.get("mint").asText().substring(2), 16).toString());
    JsonNode receipt =
        Tools.result(l2, "eth_getTransactionReceipt", "[\"" + deposit.get("hash").asText() + "\"]");
    assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
    assertTrue(receipt.has("depositNonce"), receipt.toString());
  }

  private static void assertUnauthorized(String admin) throws Exception {
    var r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin))
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"admin_stopSequencer\","
                                + "\"params\":[]}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode(), r.body());
  }

  /** An HS256 token with {@code iat} now, as op-node's clients make them. */
  private static String jwt(String secretHex) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
    String claims =
        b64.encodeToString(
            ("{\"iat\":" + System.currentTimeMillis() / 1000 + "}")
                .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Hex.decode(secretHex), "HmacSHA256"));
    String signed = header + "." + claims;
    return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  private static String gpo(Path cast, String rpc, String block, String signature)
      throws Exception {
    String out =
        Tools.run(cast, "call", "--rpc-url", rpc, "--block", block, GAS_PRICE_ORACLE, signature)
            .strip();
    int space = out.indexOf(' '); // cast appends a human form: "1000000000 [1e9]"
    return space < 0 ? out : out.substring(0, space);
  }

  private static long timestamp(String rpc, long n) throws Exception {
    return number(
        Tools.result(rpc, "eth_getBlockByNumber", "[\"0x" + Long.toHexString(n) + "\",false]")
            .get("timestamp"));
  }

  private static String blockHash(String rpc, long n) throws Exception {
    return Tools.result(rpc, "eth_getBlockByNumber", "[\"0x" + Long.toHexString(n) + "\",false]")
        .get("hash")
        .asText();
  }

  private static long number(JsonNode hexQuantity) {
    return Long.parseUnsignedLong(hexQuantity.asText().substring(2), 16);
  }

  private static void awaitRpc(String url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        Tools.result(url, "eth_chainId", "[]");
        return;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
