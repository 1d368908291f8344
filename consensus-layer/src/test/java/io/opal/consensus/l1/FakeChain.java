package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An in-memory L1 whose canonical chain a test rewrites at will: only the header lookups work (what
 * {@link L1HeadTracker} uses).
 */
class FakeChain implements L1Client {
  private final TreeMap<Long, L1Header> canonical = new TreeMap<>();
  private final Map<Hash, L1Header> known = new HashMap<>();

  FakeChain() {
    L1Header genesis = header(Hash.ZERO, 0, "genesis");
    canonical.put(0L, genesis);
    known.put(genesis.hash(), genesis);
  }

  private static L1Header header(Hash parent, long number, String branch) {
    BlockHeader h =
        BlockHeader.builder()
            .parentHash(parent)
            .number(number)
            .timestamp(1000 + 12 * number)
            .gasLimit(30_000_000)
            .extraData(Bytes.wrap(branch.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
            .build();
    return new L1Header(h, h.hash());
  }

  /** Replaces everything above {@code from - 1} with {@code count} new blocks of {@code branch}. */
  synchronized List<L1BlockRef> extend(long from, int count, String branch) {
    canonical.tailMap(from, true).clear();
    java.util.ArrayList<L1BlockRef> refs = new java.util.ArrayList<>();
    for (long n = from; n < from + count; n++) {
      L1Header h = header(canonical.get(n - 1).hash(), n, branch);
      canonical.put(n, h);
      known.put(h.hash(), h);
      refs.add(h.ref());
    }
    return refs;
  }

  /** Drops the canonical blocks above {@code number}. */
  synchronized void truncateAbove(long number) {
    canonical.tailMap(number, false).clear();
  }

  synchronized L1BlockRef at(long number) {
    return canonical.get(number).ref();
  }

  @Override
  public synchronized CompletableFuture<L1Header> headerByNumber(long number) {
    L1Header h = canonical.get(number);
    return h == null ? notFound("#" + number) : CompletableFuture.completedFuture(h);
  }

  @Override
  public synchronized CompletableFuture<L1Header> headerByHash(Hash hash) {
    L1Header h = known.get(hash);
    return h == null ? notFound(hash.toString()) : CompletableFuture.completedFuture(h);
  }

  @Override
  public synchronized CompletableFuture<L1Header> header(BlockTag tag) {
    if (tag != BlockTag.LATEST) {
      throw new UnsupportedOperationException(tag.toString());
    }
    return CompletableFuture.completedFuture(canonical.lastEntry().getValue());
  }

  private static <T> CompletableFuture<T> notFound(String what) {
    return CompletableFuture.failedFuture(
        new L1Exception(L1Exception.Kind.NOT_FOUND, what + " not found"));
  }

  private static <T> T unsupported() {
    throw new UnsupportedOperationException("not part of the fake chain");
  }

  @Override
  public CompletableFuture<Long> chainId() {
    return unsupported();
  }

  @Override
  public CompletableFuture<Long> headNumber() {
    return unsupported();
  }

  @Override
  public CompletableFuture<L1Block> block(BlockTag tag) {
    return unsupported();
  }

  @Override
  public CompletableFuture<L1Block> blockByNumber(long number) {
    return unsupported();
  }

  @Override
  public CompletableFuture<L1Block> blockByHash(Hash hash) {
    return unsupported();
  }

  @Override
  public CompletableFuture<List<L1Receipt>> receipts(Hash blockHash) {
    return unsupported();
  }

  @Override
  public CompletableFuture<Optional<L1Receipt>> receipt(Hash transactionHash) {
    return unsupported();
  }

  @Override
  public CompletableFuture<List<L1Log>> logs(LogFilter filter) {
    return unsupported();
  }

  @Override
  public CompletableFuture<UInt256> balance(Address account, BlockSelector at) {
    return unsupported();
  }

  @Override
  public CompletableFuture<Long> nonce(Address account, BlockSelector at) {
    return unsupported();
  }

  @Override
  public CompletableFuture<Bytes> code(Address account, BlockSelector at) {
    return unsupported();
  }

  @Override
  public CompletableFuture<Bytes> storageAt(Address account, UInt256 slot, BlockSelector at) {
    return unsupported();
  }

  @Override
  public CompletableFuture<Bytes> call(CallRequest call, BlockSelector at) {
    return unsupported();
  }

  @Override
  public CompletableFuture<Long> estimateGas(CallRequest call) {
    return unsupported();
  }

  @Override
  public CompletableFuture<Hash> sendRawTransaction(Bytes envelope) {
    return unsupported();
  }

  @Override
  public CompletableFuture<UInt256> gasPrice() {
    return unsupported();
  }

  @Override
  public CompletableFuture<UInt256> maxPriorityFeePerGas() {
    return unsupported();
  }

  @Override
  public CompletableFuture<UInt256> blobBaseFee() {
    return unsupported();
  }

  @Override
  public CompletableFuture<FeeHistory> feeHistory(
      int blockCount, BlockSelector newest, List<Double> rewardPercentiles) {
    return unsupported();
  }

  @Override
  public CompletableFuture<RpcTransport.Subscription> subscribeNewHeads(
      Consumer<L1Header> onHead, Consumer<L1Exception> onError) {
    return unsupported();
  }

  @Override
  public String endpoint() {
    return "fake";
  }

  @Override
  public void close() {}
}
