package io.opal.consensus.l1;

import io.opal.consensus.l1.abi.Abi;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Sends EIP-1559 transactions from one key over an {@link L1Client} and waits for their receipts:
 * for deployments, devnet set-up and tests. Sends go out one after another in nonce order (the
 * nonce is read from the node once, then counted locally, and re-read after a rejected send), so
 * callers may pipeline many sends and wait for all the receipts together.
 *
 * <p>Fees: the node's suggested tip and twice the latest base fee plus the tip as the cap. The gas
 * limit, unless given, is the node's estimate plus a fifth. Not a batcher's transaction manager:
 * there is no fee bumping or resubmission.
 */
public final class L1TransactionSender {
  private static final UInt256 FALLBACK_TIP = UInt256.valueOf(1_000_000_000L);

  private final L1Client client;
  private final byte[] privateKey;
  private final Address address;
  private final long chainId;
  private final TaskScheduler scheduler;
  private final Duration pollInterval;
  private final Duration receiptTimeout;
  private final Object lock = new Object();
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
  private Long nextNonce;

  /** What to send: {@code to} empty for a contract creation; {@code gasLimit} empty to estimate. */
  public record TxRequest(Optional<Address> to, Bytes data, UInt256 value, OptionalLong gasLimit) {
    public static TxRequest call(Address to, Bytes data) {
      return new TxRequest(Optional.of(to), data, UInt256.ZERO, OptionalLong.empty());
    }

    public static TxRequest create(Bytes initCode) {
      return new TxRequest(Optional.empty(), initCode, UInt256.ZERO, OptionalLong.empty());
    }

    public TxRequest withValue(UInt256 wei) {
      return new TxRequest(to, data, wei, gasLimit);
    }

    public TxRequest withGasLimit(long gas) {
      return new TxRequest(to, data, value, OptionalLong.of(gas));
    }
  }

  /** A transaction the node accepted. */
  public record Sent(Hash hash, long nonce, TxRequest request) {}

  public L1TransactionSender(
      L1Client client,
      Bytes32 privateKey,
      long chainId,
      TaskScheduler scheduler,
      Duration pollInterval,
      Duration receiptTimeout) {
    this.client = client;
    this.privateKey = privateKey.toArray();
    this.address = Secp256k1.get().address(this.privateKey);
    this.chainId = chainId;
    this.scheduler = scheduler;
    this.pollInterval = pollInterval;
    this.receiptTimeout = receiptTimeout;
  }

  public Address address() {
    return address;
  }

  /** The nonce the next send will use (from the node when none was sent yet). */
  public CompletableFuture<Long> nextNonce() {
    synchronized (lock) {
      CompletableFuture<Long> n = tail.handle((v, e) -> null).thenCompose(v -> currentNonce());
      tail = n;
      return n;
    }
  }

  /**
   * Signs and sends, after every earlier send of this sender; completes when the node accepted it.
   */
  public CompletableFuture<Sent> send(TxRequest request) {
    synchronized (lock) {
      CompletableFuture<Sent> sent = tail.handle((v, e) -> null).thenCompose(v -> sendNow(request));
      tail = sent;
      return sent;
    }
  }

  /** Sends and waits for a successful receipt; a reverted transaction fails with its reason. */
  public CompletableFuture<L1Receipt> sendAndWait(TxRequest request) {
    return send(request).thenCompose(this::waitForSuccess);
  }

  /** Waits for the receipt of a sent transaction; a revert fails (CRITICAL) with its reason. */
  public CompletableFuture<L1Receipt> waitForSuccess(Sent sent) {
    return waitForReceipt(sent.hash())
        .thenCompose(
            receipt -> {
              if (receipt.succeeded()) {
                return CompletableFuture.completedFuture(receipt);
              }
              return revertReason(sent, receipt)
                  .thenApply(
                      reason -> {
                        throw new L1Exception(
                            L1Exception.Kind.CRITICAL,
                            "transaction "
                                + sent.hash()
                                + " (nonce "
                                + sent.nonce()
                                + ") reverted in block #"
                                + receipt.blockNumber()
                                + ": "
                                + reason);
                      });
            });
  }

  /** Polls for the receipt until it appears or the receipt timeout passes (TEMPORARY). */
  public CompletableFuture<L1Receipt> waitForReceipt(Hash txHash) {
    CompletableFuture<L1Receipt> result = new CompletableFuture<>();
    long deadline = System.nanoTime() + receiptTimeout.toNanos();
    poll(txHash, deadline, result);
    return result;
  }

  private void poll(Hash txHash, long deadline, CompletableFuture<L1Receipt> result) {
    client
        .receipt(txHash)
        .whenComplete(
            (receipt, error) -> {
              if (error != null) {
                result.completeExceptionally(L1Exception.of(error));
              } else if (receipt.isPresent()) {
                result.complete(receipt.get());
              } else if (System.nanoTime() - deadline > 0) {
                result.completeExceptionally(
                    new L1Exception(
                        L1Exception.Kind.TEMPORARY,
                        "transaction " + txHash + " not mined within " + receiptTimeout));
              } else {
                scheduler.schedule(pollInterval, () -> poll(txHash, deadline, result));
              }
            });
  }

  private CompletableFuture<Long> currentNonce() {
    synchronized (lock) {
      if (nextNonce != null) {
        return CompletableFuture.completedFuture(nextNonce);
      }
    }
    return client
        .nonce(address, BlockSelector.pending())
        .thenApply(
            n -> {
              synchronized (lock) {
                nextNonce = n;
              }
              return n;
            });
  }

  private CompletableFuture<Sent> sendNow(TxRequest request) {
    CompletableFuture<Long> nonce = currentNonce();
    CompletableFuture<Long> gas =
        request.gasLimit().isPresent()
            ? CompletableFuture.completedFuture(request.gasLimit().getAsLong())
            : client
                .estimateGas(
                    new CallRequest(
                        Optional.of(address),
                        request.to(),
                        OptionalLong.empty(),
                        Optional.of(request.value()),
                        request.data()))
                .thenApply(g -> g + g / 5);
    CompletableFuture<UInt256> tip = client.maxPriorityFeePerGas().exceptionally(e -> FALLBACK_TIP);
    CompletableFuture<L1Header> head = client.header(BlockTag.LATEST);
    return CompletableFuture.allOf(nonce, gas, tip, head)
        .thenCompose(
            v -> {
              UInt256 baseFee = UInt256.valueOf(head.join().header().baseFeePerGas().orElse(0));
              UInt256 maxFee = baseFee.multiply(2).add(tip.join());
              DynamicFeeTransaction unsigned =
                  new DynamicFeeTransaction(
                      chainId,
                      nonce.join(),
                      tip.join(),
                      maxFee,
                      gas.join(),
                      request.to(),
                      request.value(),
                      request.data(),
                      List.of(),
                      0,
                      UInt256.ZERO,
                      UInt256.ZERO);
              DynamicFeeTransaction signed = TransactionSigner.sign(unsigned, privateKey);
              long used = nonce.join();
              return client
                  .sendRawTransaction(Bytes.wrap(TransactionCodec.encode(signed)))
                  .handle(
                      (hash, error) -> {
                        synchronized (lock) {
                          // After a rejection the node's count is the truth again.
                          nextNonce = error == null ? used + 1 : null;
                        }
                        if (error != null) {
                          throw L1Exception.of(error);
                        }
                        return new Sent(hash, used, request);
                      });
            });
  }

  /** Replays the reverted transaction as a call on the state before its block to learn why. */
  private CompletableFuture<String> revertReason(Sent sent, L1Receipt receipt) {
    TxRequest r = sent.request();
    CallRequest call =
        new CallRequest(
            Optional.of(address),
            r.to(),
            OptionalLong.of(receipt.gasUsed()),
            Optional.of(r.value()),
            r.data());
    return client
        .call(call, BlockSelector.number(Math.max(0, receipt.blockNumber() - 1)))
        .handle(
            (output, error) -> {
              if (error != null) {
                return L1Exception.of(error).rpcMessage().orElse(error.getMessage());
              }
              return Abi.revertReason(output)
                  .orElse("no revert reason (the replay succeeded: out of gas?)");
            });
  }
}
