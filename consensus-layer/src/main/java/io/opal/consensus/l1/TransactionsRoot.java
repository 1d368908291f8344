package io.opal.consensus.l1;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.BlobTransactionWithSidecar;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a block's transactions against its header's transactions root.
 *
 * <p>Anvil (1.7) commits to blob transactions in their network form, sidecar included, rather than
 * the canonical form every consensus client uses. A devnet on anvil must still read its blocks, so
 * when the canonical root does not match and the block has blob transactions, their raw forms are
 * fetched ({@code eth_getRawTransactionByHash}); they must decode to the very same transactions,
 * and the root over them must match. Anything else is a CRITICAL mismatch.
 */
final class TransactionsRoot {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionsRoot.class);

  private final JsonRpcL1Client client;
  private final AtomicBoolean warned = new AtomicBoolean();

  TransactionsRoot(JsonRpcL1Client client) {
    this.client = client;
  }

  CompletableFuture<L1Block> verify(L1Block block) {
    Hash expected = block.header().header().transactionsRoot();
    if (block.toBlock().body().transactionsRoot().equals(expected)) {
      return CompletableFuture.completedFuture(block);
    }
    if (block.transactions().stream().noneMatch(tx -> tx instanceof BlobTransaction)) {
      return CompletableFuture.failedFuture(mismatch(block));
    }
    List<CompletableFuture<byte[]>> items = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      if (tx instanceof BlobTransaction blob) {
        items.add(networkForm(blob));
      } else {
        items.add(CompletableFuture.completedFuture(TransactionCodec.encode(tx)));
      }
    }
    return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<byte[]> encoded = items.stream().map(CompletableFuture::join).toList();
              if (!io.opal.primitives.trie.OrderedTrie.root(encoded).equals(expected)) {
                throw mismatch(block);
              }
              if (warned.compareAndSet(false, true)) {
                LOG.warn(
                    "{} commits to blob sidecars in its transactions roots (anvil does); accepting"
                        + " block {} after checking the sidecar forms",
                    client.endpoint(),
                    block.hash());
              }
              return block;
            });
  }

  private CompletableFuture<byte[]> networkForm(BlobTransaction tx) {
    Hash hash = tx.hash();
    return client.request(
        "eth_getRawTransactionByHash",
        JsonRpcL1Client.params(hash.toString()),
        r -> {
          byte[] raw = JsonFields.dataValue(r, "raw transaction").toArrayUnsafe();
          BlobTransactionWithSidecar decoded = TransactionCodec.decodeWithSidecar(raw);
          if (!decoded.transaction().equals(tx)) {
            throw new DecodingException(-1, "raw form of " + hash + " is another transaction");
          }
          return raw;
        });
  }

  private static L1Exception mismatch(L1Block block) {
    return new L1Exception(
        L1Exception.Kind.CRITICAL,
        "block "
            + block.hash()
            + ": its transactions do not hash to the header's transactions root "
            + block.header().header().transactionsRoot());
  }
}
