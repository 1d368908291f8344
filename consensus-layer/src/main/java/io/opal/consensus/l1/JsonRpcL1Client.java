package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * {@link L1Client} over JSON-RPC: one {@link RpcTransport} (HTTP or WebSocket), temporary failures
 * retried by a {@link RetryPolicy}, immutable data (headers, blocks, receipts by hash) kept in
 * bounded LRU caches. Receipts come from {@code eth_getBlockReceipts}, or one {@code
 * eth_getTransactionReceipt} per transaction on nodes without it.
 */
public final class JsonRpcL1Client implements L1Client {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final RpcTransport transport;
  private final Retrier retrier;
  private final Runnable onClose;
  private final LruCache<Hash, L1Header> headers;
  private final LruCache<Hash, L1Block> blocks;
  private final LruCache<Hash, List<L1Receipt>> receiptsByBlock;
  private final BlockReceipts blockReceipts;
  private final TransactionsRoot transactionsRoot = new TransactionsRoot(this);

  /**
   * @param scheduler runs retries after their backoff delay
   * @param random jitter source for the backoff
   */
  public JsonRpcL1Client(
      RpcTransport transport,
      L1ClientConfig config,
      TaskScheduler scheduler,
      RandomGenerator random) {
    this(transport, config, scheduler, random, () -> {});
  }

  private JsonRpcL1Client(
      RpcTransport transport,
      L1ClientConfig config,
      TaskScheduler scheduler,
      RandomGenerator random,
      Runnable onClose) {
    this.transport = transport;
    this.retrier = new Retrier(config.retry(), scheduler, random);
    this.onClose = onClose;
    this.headers = new LruCache<>(config.headerCacheSize());
    this.blocks = new LruCache<>(config.blockCacheSize());
    this.receiptsByBlock = new LruCache<>(config.receiptsCacheSize());
    this.blockReceipts = new BlockReceipts(this, config.useBlockReceipts());
  }

  /**
   * A client of the node at {@code url} ({@code http(s)://} or {@code ws(s)://}), completing its
   * futures on virtual threads of its own, released by {@link #close()}.
   */
  public static JsonRpcL1Client connect(Vertx vertx, URI url, L1ClientConfig config) {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    String scheme = String.valueOf(url.getScheme());
    RpcTransport transport =
        scheme.startsWith("ws")
            ? new WebSocketRpcTransport(vertx, url, config.requestTimeout(), executor)
            : new HttpRpcTransport(vertx, url, config.requestTimeout(), executor);
    return new JsonRpcL1Client(
        transport, config, TaskScheduler.vertx(vertx), new SplittableRandom(), executor::shutdown);
  }

  // --- requests --------------------------------------------------------------------------------

  /** Sends with retries; the answer is decoded, a malformed one failing as CRITICAL. */
  <T> CompletableFuture<T> request(String method, ArrayNode params, Function<JsonNode, T> decode) {
    return retrier
        .run(method, () -> transport.call(method, params))
        .thenApply(
            result -> {
              try {
                return decode.apply(result);
              } catch (DecodingException e) {
                throw new L1Exception(
                    L1Exception.Kind.CRITICAL,
                    method
                        + ": malformed answer from "
                        + transport.endpoint()
                        + ": "
                        + e.getMessage(),
                    e);
              }
            });
  }

  /** As {@link #request}, with a null result meaning NOT_FOUND. */
  private <T> CompletableFuture<T> requestExisting(
      String method, ArrayNode params, String what, Function<JsonNode, T> decode) {
    return request(
        method,
        params,
        result -> {
          if (result.isNull()) {
            throw new L1Exception(
                L1Exception.Kind.NOT_FOUND, what + " not found at " + transport.endpoint());
          }
          return decode.apply(result);
        });
  }

  static ArrayNode params(Object... values) {
    ArrayNode a = JSON.arrayNode();
    for (Object v : values) {
      switch (v) {
        case JsonNode n -> a.add(n);
        case String s -> a.add(s);
        case Boolean b -> a.add(b);
        default -> throw new IllegalArgumentException("unsupported parameter " + v);
      }
    }
    return a;
  }

  static String quantity(long unsigned) {
    return "0x" + Long.toHexString(unsigned);
  }

  static String quantity(UInt256 value) {
    // Tuweni writes zero as "0x", which geth refuses as a quantity.
    return value.isZero() ? "0x0" : value.toShortHexString();
  }

  static JsonNode selector(BlockSelector at) {
    return switch (at) {
      case BlockSelector.Tagged t -> JSON.textNode(t.tag().rpcName());
      case BlockSelector.ByNumber n -> JSON.textNode(quantity(n.number()));
      case BlockSelector.ByHash h -> {
        ObjectNode o = JSON.objectNode();
        o.put("blockHash", h.hash().toString());
        o.put("requireCanonical", h.requireCanonical());
        yield o;
      }
    };
  }

  // --- chain -----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Long> chainId() {
    return request("eth_chainId", params(), r -> JsonFields.quantityValue(r, "chainId"));
  }

  @Override
  public CompletableFuture<Long> headNumber() {
    return request("eth_blockNumber", params(), r -> JsonFields.quantityValue(r, "blockNumber"));
  }

  @Override
  public CompletableFuture<L1Header> header(BlockTag tag) {
    requireHashable(tag);
    return fetchHeader("eth_getBlockByNumber", tag.rpcName(), "the " + tag.rpcName() + " block");
  }

  @Override
  public CompletableFuture<L1Header> headerByNumber(long number) {
    return fetchHeader(
        "eth_getBlockByNumber", quantity(number), "block #" + Long.toUnsignedString(number));
  }

  @Override
  public CompletableFuture<L1Header> headerByHash(Hash hash) {
    Optional<L1Header> cached = headers.get(hash);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get());
    }
    return fetchHeader("eth_getBlockByHash", hash.toString(), "block " + hash)
        .thenApply(h -> requireHash(h.hash(), hash, h));
  }

  private CompletableFuture<L1Header> fetchHeader(String method, String id, String what) {
    return requestExisting(method, params(id, false), what, L1Json::header)
        .thenApply(
            h -> {
              headers.put(h.hash(), h);
              return h;
            });
  }

  @Override
  public CompletableFuture<L1Block> block(BlockTag tag) {
    requireHashable(tag);
    return fetchBlock("eth_getBlockByNumber", tag.rpcName(), "the " + tag.rpcName() + " block");
  }

  @Override
  public CompletableFuture<L1Block> blockByNumber(long number) {
    return fetchBlock(
        "eth_getBlockByNumber", quantity(number), "block #" + Long.toUnsignedString(number));
  }

  @Override
  public CompletableFuture<L1Block> blockByHash(Hash hash) {
    Optional<L1Block> cached = blocks.get(hash);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get());
    }
    return fetchBlock("eth_getBlockByHash", hash.toString(), "block " + hash)
        .thenApply(b -> requireHash(b.hash(), hash, b));
  }

  private CompletableFuture<L1Block> fetchBlock(String method, String id, String what) {
    return requestExisting(method, params(id, true), what, n -> L1Json.block(n, false))
        .thenCompose(transactionsRoot::verify)
        .thenApply(
            b -> {
              blocks.put(b.hash(), b);
              headers.put(b.hash(), b.header());
              return b;
            });
  }

  private <T> T requireHash(Hash got, Hash asked, T value) {
    if (!got.equals(asked)) {
      throw new L1Exception(
          L1Exception.Kind.CRITICAL,
          transport.endpoint() + " answered block " + got + " when asked for " + asked);
    }
    return value;
  }

  private static void requireHashable(BlockTag tag) {
    if (tag == BlockTag.PENDING) {
      throw new IllegalArgumentException("the pending block has no hash to verify; use latest");
    }
  }

  // --- receipts and logs -----------------------------------------------------------------------

  @Override
  public CompletableFuture<List<L1Receipt>> receipts(Hash blockHash) {
    Optional<List<L1Receipt>> cached = receiptsByBlock.get(blockHash);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get());
    }
    return blockReceipts
        .fetch(blockHash)
        .thenApply(
            list -> {
              receiptsByBlock.put(blockHash, list);
              return list;
            });
  }

  @Override
  public CompletableFuture<Optional<L1Receipt>> receipt(Hash transactionHash) {
    return request(
        "eth_getTransactionReceipt",
        params(transactionHash.toString()),
        r -> r.isNull() ? Optional.empty() : Optional.of(L1Json.receipt(r)));
  }

  @Override
  public CompletableFuture<List<L1Log>> logs(LogFilter filter) {
    ObjectNode f = JSON.objectNode();
    filter.fromBlock().ifPresent(b -> f.set("fromBlock", selector(b)));
    filter.toBlock().ifPresent(b -> f.set("toBlock", selector(b)));
    filter.blockHash().ifPresent(h -> f.put("blockHash", h.toString()));
    if (!filter.addresses().isEmpty()) {
      ArrayNode addresses = f.putArray("address");
      filter.addresses().forEach(a -> addresses.add(a.toString()));
    }
    if (!filter.topics().isEmpty()) {
      ArrayNode topics = f.putArray("topics");
      for (List<Hash> position : filter.topics()) {
        if (position.isEmpty()) {
          topics.addNull();
        } else {
          ArrayNode alternatives = topics.addArray();
          position.forEach(t -> alternatives.add(t.toString()));
        }
      }
    }
    return request(
        "eth_getLogs",
        params(f),
        r -> {
          if (!r.isArray()) {
            throw new DecodingException(-1, "eth_getLogs must answer an array");
          }
          List<L1Log> logs = new ArrayList<>(r.size());
          for (JsonNode l : r) {
            logs.add(L1Json.log(l));
          }
          return logs;
        });
  }

  // --- state -----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<UInt256> balance(Address account, BlockSelector at) {
    return request(
        "eth_getBalance",
        params(account.toString(), selector(at)),
        r -> JsonFields.uint256Value(r, "balance"));
  }

  @Override
  public CompletableFuture<Long> nonce(Address account, BlockSelector at) {
    return request(
        "eth_getTransactionCount",
        params(account.toString(), selector(at)),
        r -> JsonFields.quantityValue(r, "nonce"));
  }

  @Override
  public CompletableFuture<Bytes> code(Address account, BlockSelector at) {
    return request(
        "eth_getCode",
        params(account.toString(), selector(at)),
        r -> JsonFields.dataValue(r, "code"));
  }

  @Override
  public CompletableFuture<Bytes> storageAt(Address account, UInt256 slot, BlockSelector at) {
    return request(
        "eth_getStorageAt",
        params(account.toString(), slot.toHexString(), selector(at)),
        r -> JsonFields.dataValue(r, "storage"));
  }

  @Override
  public CompletableFuture<Bytes> call(CallRequest call, BlockSelector at) {
    return request(
        "eth_call", params(callObject(call), selector(at)), r -> JsonFields.dataValue(r, "result"));
  }

  @Override
  public CompletableFuture<Long> estimateGas(CallRequest call) {
    return request(
        "eth_estimateGas", params(callObject(call)), r -> JsonFields.quantityValue(r, "gas"));
  }

  private static ObjectNode callObject(CallRequest call) {
    ObjectNode o = JSON.objectNode();
    call.from().ifPresent(a -> o.put("from", a.toString()));
    call.to().ifPresent(a -> o.put("to", a.toString()));
    call.gas().ifPresent(g -> o.put("gas", quantity(g)));
    call.value().ifPresent(v -> o.put("value", quantity(v)));
    o.put("input", call.data().toHexString());
    return o;
  }

  // --- transactions and fees -------------------------------------------------------------------

  @Override
  public CompletableFuture<Hash> sendRawTransaction(Bytes envelope) {
    Hash local = Hash.keccak(envelope);
    return request(
            "eth_sendRawTransaction",
            params(Hex.encode(envelope.toArrayUnsafe())),
            r -> JsonFields.hashValue(r, "transactionHash"))
        .handle(
            (hash, error) -> {
              if (error == null) {
                if (!hash.equals(local)) {
                  throw new L1Exception(
                      L1Exception.Kind.CRITICAL,
                      "eth_sendRawTransaction returned " + hash + " for transaction " + local);
                }
                return hash;
              }
              L1Exception e = L1Exception.of(error);
              String message = e.rpcMessage().orElse("").toLowerCase(java.util.Locale.ROOT);
              if (message.contains("already known")
                  || message.contains("known transaction")
                  || message.contains("already imported")) {
                return local; // a retry of a send that reached the node the first time
              }
              throw e;
            });
  }

  @Override
  public CompletableFuture<UInt256> gasPrice() {
    return request("eth_gasPrice", params(), r -> JsonFields.uint256Value(r, "gasPrice"));
  }

  @Override
  public CompletableFuture<UInt256> maxPriorityFeePerGas() {
    return request(
        "eth_maxPriorityFeePerGas",
        params(),
        r -> JsonFields.uint256Value(r, "maxPriorityFeePerGas"));
  }

  @Override
  public CompletableFuture<UInt256> blobBaseFee() {
    return request("eth_blobBaseFee", params(), r -> JsonFields.uint256Value(r, "blobBaseFee"));
  }

  @Override
  public CompletableFuture<FeeHistory> feeHistory(
      int blockCount, BlockSelector newest, List<Double> rewardPercentiles) {
    ArrayNode percentiles = JSON.arrayNode();
    rewardPercentiles.forEach(percentiles::add);
    return request(
        "eth_feeHistory",
        params(quantity(blockCount), selector(newest), percentiles),
        L1Json::feeHistory);
  }

  // --- subscriptions ---------------------------------------------------------------------------

  @Override
  public CompletableFuture<RpcTransport.Subscription> subscribeNewHeads(
      Consumer<L1Header> onHead, Consumer<L1Exception> onError) {
    return transport.subscribe(
        params("newHeads"),
        json -> {
          L1Header header;
          try {
            header = L1Json.header(json);
          } catch (DecodingException e) {
            onError.accept(
                new L1Exception(
                    L1Exception.Kind.CRITICAL, "malformed newHeads event: " + e.getMessage(), e));
            return;
          }
          headers.put(header.hash(), header);
          onHead.accept(header);
        },
        onError);
  }

  @Override
  public String endpoint() {
    return transport.endpoint();
  }

  @Override
  public void close() {
    transport.close();
    onClose.run();
  }
}
