package io.opal.consensus.sequencer;

import io.opal.consensus.l1.BlockSelector;
import io.opal.consensus.l1.BlockTag;
import io.opal.consensus.l1.CallRequest;
import io.opal.consensus.l1.FeeHistory;
import io.opal.consensus.l1.L1Block;
import io.opal.consensus.l1.L1Client;
import io.opal.consensus.l1.L1Exception;
import io.opal.consensus.l1.L1Header;
import io.opal.consensus.l1.L1Log;
import io.opal.consensus.l1.L1Receipt;
import io.opal.consensus.l1.LogFilter;
import io.opal.consensus.l1.RpcTransport;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Log;
import io.opal.primitives.tx.TxType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An in-memory L1 a test scripts: a canonical chain of post-Prague headers (12 s apart unless told
 * otherwise), the logs of each block as one receipt per log list, and a switch that makes every
 * request fail as an unreachable node would.
 */
final class ScriptedL1 implements L1Client {
  private final List<L1Header> canonical = new ArrayList<>();
  private final Map<Hash, List<L1Receipt>> receipts = new HashMap<>();
  private volatile boolean down;
  private int requests;

  ScriptedL1(long genesisTime) {
    canonical.add(header(Hash.ZERO, 0, genesisTime, "genesis"));
  }

  static L1Header header(Hash parent, long number, long time, String branch) {
    BlockHeader h =
        BlockHeader.builder()
            .parentHash(parent)
            .number(number)
            .timestamp(time)
            .gasLimit(30_000_000)
            .extraData(Bytes.wrap(branch.getBytes(StandardCharsets.US_ASCII)))
            .mixHash(Hash.keccak(("randao " + branch + number).getBytes(StandardCharsets.UTF_8)))
            .baseFeePerGas(7 + number)
            .withdrawalsRoot(Hash.EMPTY_TRIE)
            .blobGasUsed(0)
            .excessBlobGas(number * 1_000_000)
            .parentBeaconBlockRoot(Hash.keccak(("beacon " + number).getBytes()))
            .requestsHash(Hash.keccak(new byte[0]))
            .build();
    return new L1Header(h, h.hash());
  }

  synchronized L1Header genesis() {
    return canonical.getFirst();
  }

  synchronized L1Header at(long number) {
    return canonical.get((int) number);
  }

  /** Appends a block {@code seconds} after the head, on {@code branch}, emitting {@code logs}. */
  synchronized L1Header add(long seconds, String branch, List<List<Log>> logsPerTx) {
    L1Header parent = canonical.getLast();
    L1Header h = header(parent.hash(), parent.number() + 1, parent.timestamp() + seconds, branch);
    canonical.add(h);
    List<L1Receipt> rs = new ArrayList<>();
    long logIndex = 0;
    for (int i = 0; i < logsPerTx.size(); i++) {
      List<Log> logs = logsPerTx.get(i);
      Hash txHash = Hash.keccak((h.hash() + "/" + i).getBytes(StandardCharsets.UTF_8));
      List<L1Log> positioned = new ArrayList<>();
      for (Log log : logs) {
        positioned.add(new L1Log(log, h.hash(), h.number(), txHash, i, logIndex++, false));
      }
      rs.add(
          new L1Receipt(
              EthereumReceipt.of(TxType.DYNAMIC_FEE, true, 50_000L * (i + 1), logs),
              txHash,
              i,
              h.hash(),
              h.number(),
              Address.ZERO,
              Optional.of(Address.ZERO),
              Optional.empty(),
              50_000,
              UInt256.ONE,
              OptionalLong.empty(),
              Optional.empty(),
              positioned));
    }
    receipts.put(h.hash(), rs);
    return h;
  }

  synchronized L1Header add(long seconds) {
    return add(seconds, "main", List.of());
  }

  /** Drops every canonical block above {@code number} (a reorg starts with this). */
  synchronized void truncateAbove(long number) {
    while (canonical.getLast().number() > number) {
      canonical.removeLast();
    }
  }

  void setDown(boolean down) {
    this.down = down;
  }

  synchronized int requests() {
    return requests;
  }

  private synchronized <T> CompletableFuture<T> answer(java.util.function.Supplier<T> value) {
    requests++;
    if (down) {
      return CompletableFuture.failedFuture(
          new L1Exception(L1Exception.Kind.TEMPORARY, "connection refused (scripted)"));
    }
    T v = value.get();
    if (v == null) {
      return CompletableFuture.failedFuture(
          new L1Exception(L1Exception.Kind.NOT_FOUND, "not found (scripted)"));
    }
    return CompletableFuture.completedFuture(v);
  }

  @Override
  public CompletableFuture<L1Header> header(BlockTag tag) {
    return answer(
        () ->
            switch (tag) {
              case LATEST -> canonical.getLast();
              case SAFE -> canonical.get(Math.max(0, canonical.size() - 3));
              case FINALIZED -> canonical.get(Math.max(0, canonical.size() - 5));
              default -> canonical.getFirst();
            });
  }

  @Override
  public CompletableFuture<L1Header> headerByNumber(long number) {
    return answer(() -> number < canonical.size() ? canonical.get((int) number) : null);
  }

  @Override
  public CompletableFuture<L1Header> headerByHash(Hash hash) {
    return answer(
        () -> canonical.stream().filter(h -> h.hash().equals(hash)).findFirst().orElse(null));
  }

  @Override
  public CompletableFuture<List<L1Receipt>> receipts(Hash blockHash) {
    return answer(
        () ->
            receipts.getOrDefault(
                blockHash, blockHash.equals(genesis().hash()) ? List.of() : null));
  }

  @Override
  public CompletableFuture<Long> headNumber() {
    return answer(() -> canonical.getLast().number());
  }

  @Override
  public CompletableFuture<Long> chainId() {
    return answer(() -> 900L);
  }

  @Override
  public String endpoint() {
    return "scripted";
  }

  @Override
  public void close() {}

  // Not used by the sequencer.

  @Override
  public CompletableFuture<L1Block> block(BlockTag tag) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<L1Block> blockByNumber(long number) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<L1Block> blockByHash(Hash hash) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Optional<L1Receipt>> receipt(Hash transactionHash) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<List<L1Log>> logs(LogFilter filter) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<UInt256> balance(Address account, BlockSelector at) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Long> nonce(Address account, BlockSelector at) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Bytes> code(Address account, BlockSelector at) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Bytes> storageAt(Address account, UInt256 slot, BlockSelector at) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Bytes> call(CallRequest call, BlockSelector at) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Long> estimateGas(CallRequest call) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Hash> sendRawTransaction(Bytes envelope) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<UInt256> gasPrice() {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<UInt256> maxPriorityFeePerGas() {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<UInt256> blobBaseFee() {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<FeeHistory> feeHistory(
      int blockCount, BlockSelector newest, List<Double> rewardPercentiles) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<RpcTransport.Subscription> subscribeNewHeads(
      Consumer<L1Header> onHead, Consumer<L1Exception> onError) {
    throw new UnsupportedOperationException();
  }
}
