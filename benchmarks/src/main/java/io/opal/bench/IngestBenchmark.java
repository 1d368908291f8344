package io.opal.bench;

import io.opal.app.node.OpalNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;
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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Transaction ingestion: pre-signed EIP-1559 transfers from many senders, sent as
 * eth_sendRawTransaction over C keep-alive HTTP connections (one request at a time per connection,
 * each sender's transactions on one connection in nonce order), as single requests and as batches,
 * to an in-process Opal dev node and to anvil (--no-mining) in the same run. Neither seals blocks
 * while measured, so both only admit into their pools. Prints accepted tx/s and request latency.
 *
 * <p>{@code --opal process} (the default) runs the node as its own process ({@link IngestNode}), as
 * anvil runs; {@code inprocess} runs it in this JVM beside the load generator ("opal-jvm"); {@code
 * both} measures both ways.
 *
 * <p>{@code --warmup} transactions (default 3 × {@code --txs}) go to each target first, unmeasured.
 *
 * <pre>
 * bench/ingest/run.sh [--txs 20000] [--warmup 60000] [--senders 2000] [--connections 32] [--batch 50]
 *                     [--opal process|inprocess|both] [--anvil PATH|none]</pre>
 */
public final class IngestBenchmark {
  private static final long CHAIN_ID = 901;
  private static final UInt256 FUNDS = IngestNode.FUNDS;
  private static final UInt256 MAX_FEE = UInt256.valueOf(20_000_000_000L);
  private static final UInt256 TIP = UInt256.valueOf(1_000_000_000L);
  private static final Address SINK = Address.fromHex("0x00000000000000000000000000000000000b0b00");

  /** One measured run. */
  record Figures(
      String target,
      String mode,
      int txs,
      long accepted,
      double seconds,
      long[] lat,
      double serverCpuSeconds) {
    /** Server CPU microseconds per accepted transaction (NaN when not measured). */
    double cpuMicrosPerTx() {
      return accepted == 0 ? Double.NaN : serverCpuSeconds * 1e6 / accepted;
    }

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
    // a JVM compiles its hot code in the first seconds (the JIT threads then use more CPU than the
    // RPC path): a long warm-up measures the node as it runs for days, as anvil's machine code is
    int warmupPerSender =
        Math.max(
            1, Integer.parseInt(opts.getOrDefault("warmup", Integer.toString(txs * 3))) / senders);

    String opal = opts.getOrDefault("opal", "process");
    if (!List.of("process", "inprocess", "both").contains(opal)) {
      throw new IllegalArgumentException("--opal takes process, inprocess or both");
    }
    System.err.printf(
        "signing %d senders x (%d warm-up + 2 x %d) txs ...%n",
        senders, warmupPerSender, perSender);
    byte[][] keys = new byte[senders][];
    IntStream.range(0, senders).parallel().forEach(i -> keys[i] = IngestNode.senderKey(i));
    Address[] addresses = IngestNode.senderAddresses(senders);
    // phase 0 warms both servers up; phases 1 (single) and 2 (batched) are measured
    List<List<List<String>>> phases = new ArrayList<>();
    phases.add(signPhase(keys, warmupPerSender, 0, connections));
    phases.add(signPhase(keys, perSender, warmupPerSender, connections));
    phases.add(signPhase(keys, perSender, warmupPerSender + perSender, connections));

    List<Figures> results = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      int room = (warmupPerSender + 2 * perSender) * senders * 2;
      if (!opal.equals("inprocess")) {
        results.addAll(runOpalProcess(vertx, senders, phases, connections, batch, room));
      }
      if (!opal.equals("process")) {
        results.addAll(runOpal(vertx, addresses, phases, connections, batch, room));
      }
      if (!anvil.equals("none")) {
        results.addAll(runAnvil(vertx, anvil, addresses, phases, connections, batch));
      }
    } finally {
      vertx.close().await();
    }
    System.out.printf(
        "%n%-8s %-10s %8s %9s %10s %8s %8s %10s%n",
        "target", "mode", "txs", "accepted", "tx/s", "p50 ms", "p99 ms", "cpu us/tx");
    for (Figures f : results) {
      System.out.printf(
          "%-8s %-10s %8d %9d %10.0f %8.2f %8.2f %10.1f%n",
          f.target(),
          f.mode(),
          f.txs(),
          f.accepted(),
          f.perSecond(),
          f.percentileMs(0.5),
          f.percentileMs(0.99),
          f.cpuMicrosPerTx());
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

  /** The node in this JVM: the load generator competes with it for the same cores. */
  private static List<Figures> runOpal(
      Vertx vertx,
      Address[] senders,
      List<List<List<String>>> phases,
      int connections,
      int batch,
      int room)
      throws Exception {
    Path datadir = Files.createTempDirectory("opal-ingest");
    try (OpalNode node = IngestNode.start(datadir, senders, room)) {
      return measure(
          vertx, "opal-jvm", Optional.empty(), node.rpcPort(), phases, connections, batch);
    } finally {
      IngestNode.deleteTree(datadir);
    }
  }

  /**
   * The node as its own process ({@link IngestNode}, same JDK and class path; JVM options from
   * {@code OPAL_NODE_JAVA_OPTS}, for example a flight recording), as anvil is measured.
   */
  private static List<Figures> runOpalProcess(
      Vertx vertx,
      int senders,
      List<List<List<String>>> phases,
      int connections,
      int batch,
      int room)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx2g"));
    String extra = System.getenv("OPAL_NODE_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), IngestNode.class.getName()));
    cmd.addAll(List.of("--senders", Integer.toString(senders), "--room", Integer.toString(room)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      int port = -1;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("rpc-port ")) {
          port = Integer.parseInt(line.substring("rpc-port ".length()).trim());
          break;
        }
      }
      if (port < 0) {
        throw new IllegalStateException("the node process ended before serving");
      }
      List<Figures> figures =
          measure(vertx, "opal", Optional.of(p.toHandle()), port, phases, connections, batch);
      printThreadCpu(p.pid());
      return figures;
    } finally {
      p.getOutputStream().close(); // the node stops when its stdin closes
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
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
      return measure(vertx, "anvil", Optional.of(p.toHandle()), port, phases, connections, batch);
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
      Optional<ProcessHandle> server,
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
      run(client, target, server, "warmup", phases.get(0), 1);
      System.err.printf("%s: single requests%n", target);
      Figures single = run(client, target, server, "single", phases.get(1), 1);
      System.err.printf("%s: batches of %d%n", target, batch);
      Figures batched = run(client, target, server, "batch(" + batch + ")", phases.get(2), batch);
      return List.of(single, batched);
    } finally {
      client.close().await();
    }
  }

  /** Each connection sends its requests one after another; all connections run at once. */
  private static Figures run(
      HttpClient client,
      String target,
      Optional<ProcessHandle> server,
      String mode,
      List<List<String>> perConn,
      int batch)
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
            // a response that never comes counts as a failed request instead of hanging the run
            .setIdleTimeout(30_000)
            .setConnectTimeout(30_000)
            .putHeader("content-type", "application/json");
    double cpuBefore = server.map(IngestBenchmark::cpuSeconds).orElse(Double.NaN);
    long start = System.nanoTime();
    for (List<Buffer> mine : bodies) {
      sendNext(client, post, mine, 0, latencies, slot, accepted, firstError, done);
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(target + " " + mode + " did not finish in 10 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = server.map(IngestBenchmark::cpuSeconds).orElse(Double.NaN) - cpuBefore;
    if (firstError.get() != null) {
      System.err.printf("%s %s: first rejection: %s%n", target, mode, firstError.get());
    }
    return new Figures(
        target,
        mode,
        total,
        accepted.get(),
        seconds,
        Arrays.copyOf(latencies, (int) slot.get()),
        cpu);
  }

  /**
   * Where the node process spent its CPU over the whole run, by thread name (Linux only): tells the
   * RPC path from the build job, the JIT compilers and the garbage collector.
   */
  private static void printThreadCpu(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    Map<String, Double> byName = new HashMap<>();
    try (var dirs = Files.list(tasks)) {
      for (Path t : dirs.toList()) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N");
          String[] f = stat.substring(close + 2).split(" ");
          double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
          byName.merge(name, seconds, Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return;
    }
    System.err.println("node CPU seconds by thread (whole run, including start-up):");
    byName.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(12)
        .forEach(e -> System.err.printf("  %-20s %6.2f%n", e.getKey(), e.getValue()));
  }

  /** CPU time of a server process and its children (an npm launcher may wrap the real binary). */
  private static double cpuSeconds(ProcessHandle p) {
    return Stream.concat(Stream.of(p), p.descendants())
        .mapToDouble(h -> h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
        .sum();
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

  static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
