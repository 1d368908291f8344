package io.opal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated request bodies through the whole request path in-process (parser,
 * limits, parameter readers, dispatch, encoding) and checks that every answer is a well-formed
 * JSON-RPC response with a known error code, that nothing escapes as an exception, that no input
 * causes an internal error, and that work stays proportional to the input.
 */
class RequestFuzzTest {
  static final int INPUTS = 120_000;
  static final Set<Integer> CODES =
      Set.of(-32700, -32600, -32601, -32602, -32000, -32001, -32002, -32003, 3);
  static final String ALPHABET = "{}[]\",:0123456789abcdefxX\\ \n\t-+.eEtrufalsnu\u00e9\u20ac";
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> SEEDS =
      List.of(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"0x1\",\"0xff\"]}",
          "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"test_echo\",\"params\":[{\"a\":[1,2,{\"b\":null}]}]}",
          "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_block\",\"params\":[\"latest\"]},{\"jsonrpc\":\"2.0\",\"method\":\"test_add\",\"params\":[\"0x0\",\"0x0\"]}]",
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"test_block\",\"params\":[{\"blockHash\":\"0x"
              + "ab".repeat(32)
              + "\",\"requireCanonical\":true}]}",
          "{\"jsonrpc\":\"2.0\",\"id\":7.5e3,\"method\":\"test_addr\",\"params\":[\"0x"
              + "12".repeat(20)
              + "\",\"0x"
              + "00".repeat(32)
              + "\"]}",
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_subscribe\",\"params\":[\"ticks\",true]}",
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"rpc_modules\"}",
          "[]",
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"test_data\",\"params\":[\"0xdeadbeef\"]}");

  static JsonRpcServer server;

  @BeforeAll
  static void build() {
    RpcMethodRegistry r = new RpcMethodRegistry();
    r.register("test_echo", 1, p -> p.get(0));
    r.register("test_add", 2, p -> p.quantity(0).add(p.quantity(1)));
    r.register("test_block", 1, p -> p.blockNumberOrHash(0).toString());
    r.register("test_addr", 2, p -> List.of(p.address(0), p.hash(1)));
    r.register("test_data", 1, p -> p.data(0));
    new SubscriptionHub().registerMethods(r);
    server =
        JsonRpcServer.builder(r)
            .config(
                RpcServerConfig.defaults()
                    .builder()
                    .port(0)
                    .apis(Set.of("test", "eth"))
                    .maxBatchSize(20)
                    .build())
            .build();
  }

  @AfterAll
  static void close() {
    server.close();
  }

  @Test
  void everyInputGetsAWellFormedAnswer() throws Exception {
    Random random = new Random(20240601);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int answered = 0;
    int silent = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] input =
          switch (i % 4) {
            case 0 -> randomRequest(random).getBytes(StandardCharsets.UTF_8);
            case 1, 2 ->
                mutate(SEEDS.get(random.nextInt(SEEDS.size())), random)
                    .getBytes(StandardCharsets.UTF_8);
            default -> randomBytes(random);
          };
      long before = threads.getCurrentThreadAllocatedBytes();
      Optional<byte[]> out;
      try {
        out = server.handle(input);
      } catch (Throwable t) {
        throw new AssertionError("threw on " + new String(input, StandardCharsets.UTF_8), t);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (i > 2000 && allocated > 64L * input.length + (1 << 20)) {
        fail("allocated " + allocated + " bytes for " + input.length + " input bytes");
      }
      if (out.isEmpty()) {
        silent++;
        continue;
      }
      answered++;
      check(input, out.get());
    }
    assertEquals(INPUTS, answered + silent);
    System.out.println(
        "fuzz: " + answered + " answered, " + silent + " silent; outcomes " + OUTCOMES);
    assertTrue(OUTCOMES.getOrDefault("result", 0) > 1000, "inputs reach the methods: " + OUTCOMES);
    assertTrue(answered > INPUTS / 2, "most inputs deserve an answer: " + answered);
  }

  @Test
  void deepNestingAndHugeTokensAreRejectedCheaply() throws Exception {
    String deep = "[".repeat(100_000);
    assertEquals(
        -32700,
        JSON.readTree(server.handle(deep.getBytes()).get()).get("error").get("code").asInt());
    String deepParams =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":["
            + "[".repeat(500)
            + "]".repeat(500)
            + "]}";
    assertEquals(
        -32700,
        JSON.readTree(server.handle(deepParams.getBytes()).get()).get("error").get("code").asInt());
    String longNumber =
        "{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(5000) + ",\"method\":\"test_echo\"}";
    assertEquals(
        -32700,
        JSON.readTree(server.handle(longNumber.getBytes()).get()).get("error").get("code").asInt());
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 100_000; i++) {
      many.append(i == 0 ? "" : ",").append("{}");
    }
    JsonNode tooMany = JSON.readTree(server.handle(many.append("]").toString().getBytes()).get());
    assertEquals("batch too large", tooMany.get(0).get("error").get("message").asText());
  }

  private static void check(byte[] input, byte[] output) {
    JsonNode r;
    try {
      r = JSON.readTree(output);
    } catch (Exception e) {
      throw new AssertionError(
          "answer is not JSON for input " + new String(input, StandardCharsets.UTF_8), e);
    }
    if (r.isArray()) {
      assertTrue(r.size() > 0, "an empty array answer");
      r.forEach(e -> checkResponse(input, e));
    } else {
      checkResponse(input, r);
    }
  }

  static final java.util.Map<String, Integer> OUTCOMES = new java.util.TreeMap<>();

  private static void checkResponse(byte[] input, JsonNode r) {
    OUTCOMES.merge(
        r.has("error") ? r.get("error").path("code").asText() : "result", 1, Integer::sum);
    String in = new String(input, StandardCharsets.UTF_8);
    assertTrue(r.isObject(), in);
    assertEquals("2.0", r.path("jsonrpc").asText(), in);
    assertTrue(r.has("id"), in);
    assertTrue(r.has("result") ^ r.has("error"), in);
    if (r.has("error")) {
      int code = r.get("error").get("code").asInt();
      assertTrue(CODES.contains(code), "code " + code + " for " + in);
      assertTrue(r.get("error").get("message").isTextual(), in);
    }
  }

  private static String randomRequest(Random r) {
    StringBuilder b = new StringBuilder();
    boolean batch = r.nextInt(4) == 0;
    int n = batch ? r.nextInt(6) : 1;
    if (batch) {
      b.append('[');
    }
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('{');
      if (r.nextInt(8) != 0) {
        b.append("\"jsonrpc\":")
            .append(r.nextInt(6) == 0 ? randomValue(r, 1) : "\"2.0\"")
            .append(',');
      }
      if (r.nextInt(4) != 0) {
        b.append("\"id\":").append(randomValue(r, 1)).append(',');
      }
      String[] methods = {
        "test_add",
        "test_echo",
        "test_block",
        "test_addr",
        "test_data",
        "eth_subscribe",
        "rpc_modules",
        "nope_x",
        ""
      };
      b.append("\"method\":")
          .append(
              r.nextInt(8) == 0
                  ? randomValue(r, 1)
                  : "\"" + methods[r.nextInt(methods.length)] + "\"");
      if (r.nextInt(5) != 0) {
        b.append(",\"params\":").append(r.nextInt(5) == 0 ? randomValue(r, 3) : randomArray(r, 3));
      }
      b.append('}');
    }
    if (batch) {
      b.append(']');
    }
    return b.toString();
  }

  private static String randomArray(Random r, int depth) {
    StringBuilder b = new StringBuilder("[");
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append(randomValue(r, depth - 1));
    }
    return b.append(']').toString();
  }

  private static String randomValue(Random r, int depth) {
    int kind = r.nextInt(depth > 0 ? 12 : 10);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> r.nextBoolean() ? "true" : "false";
      case 2 -> Long.toString(r.nextLong() >> r.nextInt(64));
      case 3 -> r.nextDouble() * 1e6 + "e" + (r.nextInt(40) - 20);
      case 4 -> "\"0x" + Long.toHexString(r.nextLong() >>> r.nextInt(64)) + "\"";
      case 5 -> "\"0x" + "0".repeat(r.nextInt(3)) + Integer.toHexString(r.nextInt(100)) + "\"";
      case 6 ->
          "\"" + hex(r, r.nextInt(3) == 0 ? 32 : r.nextInt(3) == 0 ? 20 : r.nextInt(40)) + "\"";
      case 7 ->
          "\""
              + new String[] {
                    "latest", "pending", "safe", "finalized", "earliest", "0x", "", "x", "\\u0000"
                  }
                  [r.nextInt(9)]
              + "\"";
      case 8 -> "\"" + hex(r, 32) + "\"";
      case 9 ->
          "{\"blockNumber\":\"0x"
              + Integer.toHexString(r.nextInt(1000))
              + "\""
              + (r.nextBoolean() ? ",\"blockHash\":\"" + hex(r, 32) + "\"" : "")
              + "}";
      case 10 -> randomArray(r, depth);
      default ->
          "{\"a\":" + randomValue(r, depth - 1) + ",\"b\":" + randomValue(r, depth - 1) + "}";
    };
  }

  private static String hex(Random r, int bytes) {
    StringBuilder b = new StringBuilder("0x");
    for (int i = 0; i < bytes; i++) {
      b.append(String.format("%02x", r.nextInt(256)));
    }
    return b.toString();
  }

  private static String mutate(String seed, Random r) {
    StringBuilder b = new StringBuilder(seed);
    int mutations = 1 + r.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      int len = b.length();
      int at = len == 0 ? 0 : r.nextInt(len);
      switch (r.nextInt(7)) {
        case 0 -> {
          if (len > 0) {
            b.deleteCharAt(at);
          }
        }
        case 1 -> b.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 2 -> {
          if (len > 0) {
            b.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          }
        }
        case 3 -> b.setLength(at); // truncate
        case 4 -> { // duplicate a slice
          if (len > 0) {
            int end = at + r.nextInt(Math.min(40, len - at) + 1);
            b.insert(at, b.substring(at, end));
          }
        }
        case 5 -> b.insert(at, randomValue(r, 2));
        default -> { // splice another seed
          String other = SEEDS.get(r.nextInt(SEEDS.size()));
          b.insert(at, other.substring(r.nextInt(other.length())));
        }
      }
    }
    return b.toString();
  }

  private static byte[] randomBytes(Random r) {
    byte[] b = new byte[r.nextInt(8) == 0 ? r.nextInt(4096) : r.nextInt(64)];
    r.nextBytes(b);
    if (b.length > 0 && r.nextBoolean()) {
      b[0] = (byte) "{[ \"".charAt(r.nextInt(4));
    }
    return b;
  }
}
