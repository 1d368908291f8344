package io.opal.bench;

import io.opal.app.node.OpalNode;
import io.opal.primitives.Address;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The Opal dev node of the ingestion benchmark as its own process, so that the load generator does
 * not share the node's JVM (anvil runs as its own process too). It funds the benchmark's senders at
 * genesis (the same keys {@link IngestBenchmark} signs with), raises the pool's limits to hold the
 * run, prints {@code rpc-port N} on stdout once serving, and stops when its stdin closes (the
 * benchmark closing the pipe, or dying).
 *
 * <pre>java -cp benchmarks.jar io.opal.bench.IngestNode --senders 2000 --room 80000</pre>
 */
public final class IngestNode {
  static final UInt256 FUNDS = UInt256.valueOf(BigInteger.TEN.pow(21));

  private IngestNode() {}

  /** The benchmark's i-th sender key: deterministic, so both processes derive the same ones. */
  static byte[] senderKey(int i) {
    return Keccak256.hash(("opal-ingest-" + i).getBytes(StandardCharsets.UTF_8));
  }

  static Address[] senderAddresses(int senders) {
    Address[] out = new Address[senders];
    IntStream.range(0, senders)
        .parallel()
        .forEach(i -> out[i] = Secp256k1.get().address(senderKey(i)));
    return out;
  }

  /**
   * Starts a dev node (1 h blocks: the pool only ingests while measured, as anvil --no-mining does)
   * funding {@code senders} with pool limits of {@code room} transactions.
   */
  static OpalNode start(Path datadir, Address[] senders, int room) {
    Map<Address, UInt256> prefunds = new LinkedHashMap<>();
    for (Address a : senders) {
      prefunds.put(a, FUNDS);
    }
    return OpalNode.startDev(
        new OpalNode.Options(datadir, "127.0.0.1", 0, Duration.ofHours(1)),
        new OpalNode.DevTuning(
            prefunds, c -> c.withLimits(room, room, room, room).withMaxNonceGap(room)),
        b -> {});
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = IngestBenchmark.options(args);
    int senders = Integer.parseInt(opts.getOrDefault("senders", "2000"));
    int room = Integer.parseInt(opts.getOrDefault("room", "80000"));
    Path datadir = Files.createTempDirectory("opal-ingest-node");
    try (OpalNode node = start(datadir, senderAddresses(senders), room)) {
      System.out.println("rpc-port " + node.rpcPort());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // the benchmark writes nothing; end of input means stop
      }
    } finally {
      deleteTree(datadir);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
