package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * What the rollup node asks of L1: heads, blocks, receipts and logs, account state, and sending
 * transactions. Results are typed and verified (see {@link L1Json}).
 *
 * <p><b>Concurrency.</b> Every method is asynchronous and returns at once; futures complete on the
 * client's executor (virtual threads by default), never on an I/O event loop, so callers may chain
 * CPU work, or block with {@code join()} on a thread of their own (never on an event loop).
 * Failures are {@link L1Exception}s (wrapped in {@code CompletionException} by {@code join()};
 * {@link L1Exception#of} unwraps); temporary ones have already been retried.
 *
 * <p>Lookups of a block that does not exist fail with {@link L1Exception.Kind#NOT_FOUND}.
 */
public interface L1Client extends AutoCloseable {

  /** {@code eth_chainId}. */
  CompletableFuture<Long> chainId();

  /** {@code eth_blockNumber}: the number of the node's latest block. */
  CompletableFuture<Long> headNumber();

  /** The header a tag names ({@link BlockTag#PENDING} is not accepted: it has no hash). */
  CompletableFuture<L1Header> header(BlockTag tag);

  CompletableFuture<L1Header> headerByNumber(long number);

  CompletableFuture<L1Header> headerByHash(Hash hash);

  CompletableFuture<L1Block> block(BlockTag tag);

  CompletableFuture<L1Block> blockByNumber(long number);

  CompletableFuture<L1Block> blockByHash(Hash hash);

  /**
   * Every receipt of a block, in order, verified against the header's receipts root (and log
   * indexes checked to run 0, 1, 2… through the block).
   */
  CompletableFuture<List<L1Receipt>> receipts(Hash blockHash);

  /** One transaction's receipt; empty while it is pending or unknown. */
  CompletableFuture<Optional<L1Receipt>> receipt(Hash transactionHash);

  /** {@code eth_getLogs}. */
  CompletableFuture<List<L1Log>> logs(LogFilter filter);

  CompletableFuture<UInt256> balance(Address account, BlockSelector at);

  /**
   * The account's nonce (transaction count) at a block; {@link BlockSelector#pending()} counts
   * pooled ones.
   */
  CompletableFuture<Long> nonce(Address account, BlockSelector at);

  CompletableFuture<Bytes> code(Address account, BlockSelector at);

  CompletableFuture<Bytes> storageAt(Address account, UInt256 slot, BlockSelector at);

  /** {@code eth_call}: the return data; a revert fails with the node's error (CRITICAL). */
  CompletableFuture<Bytes> call(CallRequest call, BlockSelector at);

  CompletableFuture<Long> estimateGas(CallRequest call);

  /**
   * {@code eth_sendRawTransaction} of an EIP-2718 envelope. A node that already has the transaction
   * ("already known") counts as success, so that a retried send is harmless.
   */
  CompletableFuture<Hash> sendRawTransaction(Bytes envelope);

  CompletableFuture<UInt256> gasPrice();

  CompletableFuture<UInt256> maxPriorityFeePerGas();

  /** {@code eth_blobBaseFee}: the blob base fee of the next block. */
  CompletableFuture<UInt256> blobBaseFee();

  /**
   * {@code eth_feeHistory} of {@code blockCount} blocks up to {@code newest}, with the given reward
   * percentiles (each in [0, 100], ascending).
   */
  CompletableFuture<FeeHistory> feeHistory(
      int blockCount, BlockSelector newest, List<Double> rewardPercentiles);

  /**
   * {@code eth_subscribe("newHeads")} (WebSocket endpoints only): each new head, verified, in the
   * order the node announces them. A lost connection ends the subscription through {@code onError};
   * subscribe again to resume (heads missed meanwhile are not replayed: a follower such as {@link
   * L1HeadTracker} catches up by number).
   */
  CompletableFuture<RpcTransport.Subscription> subscribeNewHeads(
      Consumer<L1Header> onHead, Consumer<L1Exception> onError);

  /** The endpoint, for logs and messages. */
  String endpoint();

  @Override
  void close();
}
