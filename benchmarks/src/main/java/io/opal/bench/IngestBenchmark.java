package io.opal.bench;

import io.opal.app.node.OpalNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Transaction ingestion: pre-signed EIP-1559 transfers from many senders, sent as
 * eth_sendRawTransaction over C keep-alive HTTP connections (one request at a time per connection,
 * each sender's transactions on one connection in nonce order), as single requests and as batches,
 * to an in-process Opal dev node and to anvil (--no-mining) in the same run. Neither seals blocks
 * while measured, so both only admit into their pools. Prints accepted tx/s and request latency.
 *
 * <pre>bench/ingest/run.sh [--txs 20000] [--senders 2000] [--connections 32] [--batch 50]
 *                     [--anvil PATH|none]</pre>
 */
public final class IngestBenchmark {
  private static final long CHAIN_ID = 901;
  private static final UInt256 FUNDS = UInt256.valueOf(BigInteger.TEN.pow(21));
  private static final UInt256 MAX_FEE = UInt256.valueOf(20_000_000_000L);
  private static final UInt256 TIP = UInt256.valueOf(1_000_000_000L);
  private static final Address SINK = Address.fromHex("0x00000000000000000000000000000000000b0b00");

  /** One measured run. */
  record Figures(String target, String mode, int txs, long accepted, double seconds, long[] lat) {
    double perSecond() {
      return accepted / seconds;
    }

    double percentileMs(double p) {
      if (lat.length == 0) {
        return Double.NaN;
      }
      long[] s = lat.clone();
      Arrays.sort(s);
      return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int txs = Integer.parseInt(opts.getOrDefault("txs", "20000"));
    int senders = Integer.parseInt(opts.getOrDefault("senders", "2000"));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "50"));
    String anvil = opts.getOrDefault("anvil", "none");
    int perSender = Math.max(1, txs / senders);

    System.err.printf("signing %d senders x %d txs x 3 phases ...%n", senders, perSender);
    byte[][] keys = new byte[senders][];
    Address[] addresses = new Address[senders];
    IntStream.range(0, senders)
        .parallel()
        .forEach(
            i -> {
              keys[i] = Keccak256.hash(("opal-ingest-" + i).getBytes(StandardCharsets.UTF_8));
              addresses[i] = Secp256k1.get().address(keys[i]);
            });
    // phase 0 warms both servers up; phases 1 (single) and 2 (batched) are measured
    List<List<List<String>>> phases = new ArrayList<>();
    for (int phase = 0; phase < 3; phase++) {
      phases.add(signPhase(keys, perSender, phase * perSender, connections));
    }

    List<Figures> results = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      results.addAll(runOpal(vertx, addresses, phases, connections, batch, perSender * senders));
      if (!anvil.equals("none")) {
        results.addAll(runAnvil(vertx, anvil, addresses, phases, connections, batch));
      }
    } finally {
      vertx.close().await();
    }
    System.out.printf(
        "%n%-6s %-10s %8s %9s %10s %8s %8s%n",
        "target", "mode", "txs", "accepted", "tx/s", "p50 ms", "p99 ms");
    for (Figures f : results) {
      System.out.printf(
          "%-6s %-10s %8d %9d %10.0f %8.2f %8.2f%n",
          f.target(),
          f.mode(),
          f.txs(),
          f.accepted(),
          f.perSecond(),
          f.percentileMs(0.5),
          f.percentileMs(0.99));
    }
  }

  /** Per connection, the raw transactions (0x hex) it sends, each sender's in nonce order. */
  private static List<List<String>> signPhase(
      byte[][] keys, int perSender, long firstNonce, int connections) {
    String[][] raw = new String[keys.length][perSender];
    IntStream.range(0, keys.length)
        .parallel()
        .forEach(
            i -> {
              for (int j = 0; j < perSender; j++) {
                DynamicFeeTransaction tx =
                    new DynamicFeeTransaction(
                        CHAIN_ID,
                        firstNonce + j,
                        TIP,
                        MAX_FEE,
                        21_000,
                        Optional.of(SINK),
                        UInt256.ONE,
                        Bytes.EMPTY,
                        List.of(),
                        0,
                        UInt256.ZERO,
                        UInt256.ZERO);
                raw[i][j] =
                    Hex.encode(TransactionCodec.encode(TransactionSigner.sign(tx, keys[i])));
              }
            });
    List<List<String>> perConnection = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      perConnection.add(new ArrayList<>());
    }
    for (int j = 0; j < perSender; j++) {
      for (int i = 0; i < keys.length; i++) {
        perConnection.get(i % connections).add(raw[i][j]);
      }
    }
    return perConnection;
  }

  private static List<Figures> runOpal(
      Vertx vertx,
      Address[] senders,
      List<List<List<String>>> phases,
      int connections,
      int batch,
      int perPhase)
      throws Exception {
    Map<Address, UInt256> prefunds = new LinkedHashMap<>();
    for (Address a : senders) {
      prefunds.put(a, FUNDS);
    }
    int room = perPhase * 4;
    Path datadir = Files.createTempDirectory("opal-ingest");
    // an hour per block: the pool only ingests while measured, as anvil --no-mining does
    try (OpalNode node =
        OpalNode.startDev(
            new OpalNode.Options(datadir, "127.0.0.1", 0, Duration.ofHours(1)),
            new OpalNode.DevTuning(
                prefunds, c -> c.withLimits(room, room, room, room).withMaxNonceGap(room)),
            b -> {})) {
      return measure(vertx, "opal", node.rpcPort(), phases, connections, batch);
    } finally {
      deleteTree(datadir);
    }
  }

  private static List<Figures> runAnvil(
      Vertx vertx,
      String anvil,
      Address[] senders,
      List<List<List<String>>> phases,
      int connections,
      int batch)
      throws Exception {
    int port = 20_000 + (int) (ProcessHandle.current().pid() % 20_000);
    Process p =
        new ProcessBuilder(
                anvil,
                "--no-mining",
                "--chain-id",
                Long.toString(CHAIN_ID),
                "--port",
                Integer.toString(port),
                "--silent")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String url = "http://127.0.0.1:" + port;
      waitForRpc(url);
      for (int from = 0; from < senders.length; from += 200) {
        StringBuilder body = new StringBuilder("[");
        for (int i = from; i < Math.min(senders.length, from + 200); i++) {
          body.append(i == from ? "" : ",")
              .append("{\"jsonrpc\":\"2.0\",\"id\":")
              .append(i)
              .append(",\"method\":\"anvil_setBalance\",\"params\":[\"")
              .append(senders[i])
              .append("\",\"")
              .append(FUNDS.toShortHexString())
              .append("\"]}");
        }
        post(url, body.append(']').toString());
      }
      return measure(vertx, "anvil", port, phases, connections, batch);
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static List<Figures> measure(
      Vertx vertx,
      String target,
      int port,
      List<List<List<String>>> phases,
      int connections,
      int batch)
      throws InterruptedException {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(connections));
    try {
      System.err.printf("%s: warm-up%n", target);
      run(client, target, "warmup", phases.get(0), 1);
      System.err.printf("%s: single requests%n", target);
      Figures single = run(client, target, "single", phases.get(1), 1);
      System.err.printf("%s: batches of %d%n", target, batch);
      Figures batched = run(client, target, "batch(" + batch + ")", phases.get(2), batch);
      return List.of(single, batched);
    } finally {
      client.close().await();
    }
  }

  /** Each connection sends its requests one after another; all connections run at once. */
  private static Figures run(
      HttpClient client, String target, String mode, List<List<String>> perConn, int batch)
      throws InterruptedException {
    List<List<Buffer>> bodies = new ArrayList<>();
    int total = 0;
    for (List<String> raws : perConn) {
      List<Buffer> mine = new ArrayList<>();
      for (int k = 0; k < raws.size(); k += batch) {
        mine.add(Buffer.buffer(body(raws.subList(k, Math.min(raws.size(), k + batch)), batch)));
      }
      bodies.add(mine);
      total += raws.size();
    }
    int requests = bodies.stream().mapToInt(List::size).sum();
    long[] latencies = new long[requests];
    AtomicLong slot = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(bodies.size());
    RequestOptions post =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI("/")
            .putHeader("content-type", "application/json");
    long start = System.nanoTime();
    for (List<Buffer> mine : bodies) {
      sendNext(client, post, mine, 0, latencies, slot, accepted, firstError, done);
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(target + " " + mode + " did not finish in 10 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (firstError.get() != null) {
      System.err.printf("%s %s: first rejection: %s%n", target, mode, firstError.get());
    }
    return new Figures(
        target, mode, total, accepted.get(), seconds, Arrays.copyOf(latencies, (int) slot.get()));
  }

  private static void sendNext(
      HttpClient client,
      RequestOptions post,
      List<Buffer> mine,
      int index,
      long[] latencies,
      AtomicLong slot,
      AtomicLong accepted,
      AtomicReference<String> firstError,
      CountDownLatch done) {
    if (index == mine.size()) {
      done.countDown();
      return;
    }
    long sent = System.nanoTime();
    client
        .request(post)
        .compose(req -> req.send(mine.get(index)))
        .compose(resp -> resp.body())
        .onComplete(
            ar -> {
              latencies[(int) slot.getAndIncrement()] = System.nanoTime() - sent;
              if (ar.succeeded()) {
                String text = ar.result().toString(StandardCharsets.UTF_8);
                accepted.addAndGet(count(text, "\"result\""));
                if (text.contains("\"error\"")) {
                  firstError.compareAndSet(null, text.substring(0, Math.min(300, text.length())));
                }
              } else {
                firstError.compareAndSet(null, String.valueOf(ar.cause()));
              }
              sendNext(client, post, mine, index + 1, latencies, slot, accepted, firstError, done);
            });
  }

  private static String body(List<String> raws, int batch) {
    StringBuilder b = new StringBuilder(raws.size() * 260);
    if (batch > 1) {
      b.append('[');
    }
    for (int k = 0; k < raws.size(); k++) {
      b.append(k == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(k)
          .append(",\"method\":\"eth_sendRawTransaction\",\"params\":[\"")
          .append(raws.get(k))
          .append("\"]}");
    }
    if (batch > 1) {
      b.append(']');
    }
    return b.toString();
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  private static void waitForRpc(String url) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        post(url, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}");
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("anvil did not answer on " + url);
  }

  private static String post(String url, String body) throws IOException, InterruptedException {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.body();
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
