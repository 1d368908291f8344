package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Log;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcParams;
import io.opal.rpc.SubscriptionHub;
import io.opal.rpc.SubscriptionSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard eth_subscribe kinds on a {@link SubscriptionHub}, and what the node calls to feed
 * them: {@link #newHead} for each new canonical head, {@link #logs} with the logs of added blocks
 * (and, marked removed, of blocks a reorg dropped), {@link #pendingTransaction} for each
 * transaction the pool accepts. Each event is encoded once however many clients receive it.
 */
public final class EthSubscriptions {
  private final SubscriptionHub hub;
  private final SubscriptionHub.Topic<RpcBlock> heads;
  private final SubscriptionHub.Topic<List<RpcLog>> logs;
  private final SubscriptionHub.Topic<PendingTransaction> pending;

  /** A pool transaction as both subscription forms need it. */
  private record PendingTransaction(Hash hash, RpcTransaction full) {}

  public EthSubscriptions(SubscriptionHub hub) {
    this.hub = hub;
    this.heads = hub.addSource(new NewHeads());
    this.logs = hub.addSource(new Logs());
    this.pending = hub.addSource(new NewPendingTransactions());
  }

  public void newHead(BlockHeader header) {
    hub.publish(heads, RpcBlock.header(header));
  }

  /** Logs in chain order; a reorg publishes the dropped blocks' logs with removed = true. */
  public void logs(List<RpcLog> blockLogs) {
    if (!blockLogs.isEmpty()) {
      hub.publish(logs, List.copyOf(blockLogs));
    }
  }

  /**
   * The logs of one block as a logs subscription publishes them: block-wide log indexes, each log
   * marked {@code removed} when the block left the canonical chain in a reorg.
   */
  public static List<RpcLog> blockLogs(Block block, List<Receipt> receipts, boolean removed) {
    Hash blockHash = block.hash();
    List<Transaction> txs = block.body().transactions();
    List<RpcLog> out = new ArrayList<>();
    long logIndex = 0;
    for (int i = 0; i < receipts.size() && i < txs.size(); i++) {
      Hash txHash = null;
      for (Log log : receipts.get(i).logs()) {
        if (txHash == null) {
          txHash = txs.get(i).hash();
        }
        out.add(
            new RpcLog(
                log,
                blockHash,
                block.number(),
                block.header().timestamp(),
                txHash,
                i,
                logIndex++,
                removed));
      }
    }
    return out;
  }

  public void pendingTransaction(Transaction tx, Address sender) {
    if (!pending.hasSubscribers()) {
      return; // the pool may admit thousands a second: build nothing for nobody
    }
    RpcTransaction full = RpcTransaction.pending(tx, sender);
    hub.publish(pending, new PendingTransaction(full.hash(), full));
  }

  private static final class NewHeads implements SubscriptionSource<RpcBlock> {
    @Override
    public String kind() {
      return "newHeads";
    }

    @Override
    public Filter<RpcBlock> open(RpcParams params) throws RpcException {
      if (params.size() > 1) {
        throw RpcException.invalidParams("too many arguments, want at most 1");
      }
      return (head, emit) -> emit.accept(head);
    }
  }

  /** Block ranges and block hashes in the filter are ignored: a subscription follows the head. */
  private static final class Logs implements SubscriptionSource<List<RpcLog>> {
    @Override
    public String kind() {
      return "logs";
    }

    @Override
    public Filter<List<RpcLog>> open(RpcParams params) throws RpcException {
      LogFilter filter =
          params
              .readOptional(1, LogFilter::parse)
              .orElse(
                  new LogFilter(
                      java.util.Optional.empty(),
                      java.util.Optional.empty(),
                      java.util.Optional.empty(),
                      List.of(),
                      List.of()));
      return (batch, emit) -> {
        for (RpcLog log : batch) {
          if (filter.matches(log.log())) {
            emit.accept(log);
          }
        }
      };
    }
  }

  private static final class NewPendingTransactions
      implements SubscriptionSource<PendingTransaction> {
    @Override
    public String kind() {
      return "newPendingTransactions";
    }

    @Override
    public Filter<PendingTransaction> open(RpcParams params) throws RpcException {
      boolean fullTx = params.flag(1);
      return (tx, emit) -> emit.accept(fullTx ? tx.full() : tx.hash());
    }
  }
}
