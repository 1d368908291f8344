package io.opal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Send-to-receipt latency against a running node (issue 6): signed transfers from the dev accounts
 * go out at a steady rate through {@code eth_sendRawTransaction}; each is polled with {@code
 * eth_getTransactionReceipt} until the receipt exists. Prints p50/p90/p99/max in milliseconds.
 * Resolution is the poll interval.
 *
 * <pre>
 * ReceiptLatencyBenchmark --rpc http://127.0.0.1:8545 [--seconds 30] [--rate 5] [--poll-ms 10]
 * </pre>
 */
public final class ReceiptLatencyBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI rpc;

  private ReceiptLatencyBenchmark(URI rpc) {
    this.rpc = rpc;
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8545";
    int seconds = 30;
    double rate = 5;
    int pollMs = 10;
    String label = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rpc" -> url = args[++i];
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--poll-ms" -> pollMs = Integer.parseInt(args[++i]);
        case "--label" -> label = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    new ReceiptLatencyBenchmark(URI.create(url)).run(label, seconds, rate, pollMs);
  }

  private void run(String label, int seconds, double rate, int pollMs) throws Exception {
    long chainId = Long.decode(call("eth_chainId", "[]").asText());
    List<DevAccounts.DevAccount> accounts = DevAccounts.standard(10).subList(5, 10);
    long[] nonces = new long[accounts.size()];
    for (int i = 0; i < nonces.length; i++) {
      nonces[i] =
          Long.decode(
              call("eth_getTransactionCount", "[\"" + accounts.get(i).address() + "\",\"pending\"]")
                  .asText());
    }
    UInt256 maxFee = UInt256.valueOf(100_000_000_000L);
    Address to = Address.fromHex("0x000000000000000000000000000000000000beef");
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    List<Thread> waiters = new ArrayList<>();
    int total = (int) Math.max(1, Math.round(seconds * rate));
    long intervalNanos = (long) (1e9 / rate);
    long start = System.nanoTime();
    for (int n = 0; n < total; n++) {
      int a = n % accounts.size();
      DynamicFeeTransaction tx =
          TransactionSigner.sign(
              new DynamicFeeTransaction(
                  chainId,
                  nonces[a]++,
                  UInt256.valueOf(1_000_000),
                  maxFee,
                  21_000,
                  Optional.of(to),
                  UInt256.ONE,
                  Bytes.EMPTY,
                  List.of(),
                  0,
                  UInt256.ZERO,
                  UInt256.ZERO),
              accounts.get(a).privateKey().toArray());
      String raw = Hex.encode(TransactionCodec.encode(tx));
      long due = start + n * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long sent = System.nanoTime();
      String hash = call("eth_sendRawTransaction", "[\"" + raw + "\"]").asText();
      waiters.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (call("eth_getTransactionReceipt", "[\"" + hash + "\"]").isNull()) {
                        Thread.sleep(pollMs);
                      }
                      latencies.add(System.nanoTime() - sent);
                    } catch (Exception e) {
                      System.err.println("receipt of " + hash + ": " + e);
                    }
                  }));
    }
    for (Thread t : waiters) {
      t.join(Duration.ofSeconds(60));
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf(
        "%s sent=%d receipts=%d p50=%.0f ms p90=%.0f ms p99=%.0f ms max=%.0f ms (poll %d ms)%n",
        label,
        total,
        sorted.size(),
        pct(sorted, 50),
        pct(sorted, 90),
        pct(sorted, 99),
        pct(sorted, 100),
        pollMs);
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }

  private JsonNode call(String method, String params) throws IOException, InterruptedException {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(rpc)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode n = JSON.readTree(r.body());
    if (n.has("error")) {
      throw new IOException(method + ": " + n.get("error"));
    }
    return n.get("result");
  }
}
