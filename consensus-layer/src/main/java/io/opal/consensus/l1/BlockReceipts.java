package io.opal.consensus.l1;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches a block's receipts, with {@code eth_getBlockReceipts} while the node has it and one
 * request per transaction otherwise, and verifies them against the block's header.
 */
final class BlockReceipts {
  private final JsonRpcL1Client client;
  private volatile boolean useBlockMethod;

  BlockReceipts(JsonRpcL1Client client, boolean useBlockMethod) {
    this.client = client;
    this.useBlockMethod = useBlockMethod;
  }

  CompletableFuture<List<L1Receipt>> fetch(Hash blockHash) {
    CompletableFuture<L1Header> header = client.headerByHash(blockHash);
    CompletableFuture<List<L1Receipt>> receipts =
        useBlockMethod
            ? viaBlockMethod(blockHash)
                .exceptionallyCompose(
                    error -> {
                      L1Exception e = L1Exception.of(error);
                      if (!isUnsupported(e)) {
                        return CompletableFuture.failedFuture(e);
                      }
                      useBlockMethod = false; // for good: the node will not grow the method
                      return perTransaction(blockHash);
                    })
            : perTransaction(blockHash);
    return header.thenCombine(receipts, BlockReceipts::verify);
  }

  private CompletableFuture<List<L1Receipt>> viaBlockMethod(Hash blockHash) {
    return client.request(
        "eth_getBlockReceipts",
        JsonRpcL1Client.params(blockHash.toString()),
        r -> {
          if (r.isNull()) {
            throw new L1Exception(
                L1Exception.Kind.NOT_FOUND, "receipts of block " + blockHash + " not found");
          }
          if (!r.isArray()) {
            throw new DecodingException(-1, "eth_getBlockReceipts must answer an array");
          }
          List<L1Receipt> list = new ArrayList<>(r.size());
          for (JsonNode receipt : r) {
            list.add(L1Json.receipt(receipt));
          }
          return list;
        });
  }

  private CompletableFuture<List<L1Receipt>> perTransaction(Hash blockHash) {
    return client
        .blockByHash(blockHash)
        .thenCompose(
            block -> {
              List<CompletableFuture<L1Receipt>> each = new ArrayList<>();
              for (Transaction tx : block.transactions()) {
                Hash txHash = tx.hash();
                each.add(
                    client
                        .receipt(txHash)
                        .thenApply(
                            r ->
                                r.orElseThrow(
                                    () ->
                                        new L1Exception(
                                            L1Exception.Kind.NOT_FOUND,
                                            "receipt of "
                                                + txHash
                                                + " in block "
                                                + blockHash
                                                + " not found"))));
              }
              return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                  .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
            });
  }

  private static boolean isUnsupported(L1Exception e) {
    if (e.rpcCode().orElse(0) == -32601) {
      return true;
    }
    String m = e.rpcMessage().orElse("").toLowerCase(Locale.ROOT);
    return m.contains("method not found")
        || m.contains("not supported")
        || m.contains("does not exist")
        || m.contains("not available");
  }

  /**
   * The receipts must be this block's, in order, with log indexes 0, 1, 2… and its receipts root.
   */
  static List<L1Receipt> verify(L1Header header, List<L1Receipt> receipts) {
    long nextLogIndex = 0;
    List<Receipt> consensus = new ArrayList<>(receipts.size());
    for (int i = 0; i < receipts.size(); i++) {
      L1Receipt r = receipts.get(i);
      if (r.transactionIndex() != i || !r.blockHash().equals(header.hash())) {
        throw new L1Exception(
            L1Exception.Kind.CRITICAL,
            "receipt "
                + i
                + " of block "
                + header.hash()
                + " is for transaction "
                + r.transactionIndex()
                + " of block "
                + r.blockHash());
      }
      for (L1Log log : r.logs()) {
        if (log.logIndex() != nextLogIndex || !log.blockHash().equals(header.hash())) {
          throw new L1Exception(
              L1Exception.Kind.CRITICAL,
              "block "
                  + header.hash()
                  + ": log index "
                  + log.logIndex()
                  + " where "
                  + nextLogIndex
                  + " was due");
        }
        nextLogIndex++;
      }
      consensus.add(r.receipt());
    }
    Hash root = Receipt.receiptsRoot(consensus);
    if (!root.equals(header.header().receiptsRoot())) {
      throw new L1Exception(
          L1Exception.Kind.CRITICAL,
          "the receipts of block "
              + header.hash()
              + " hash to root "
              + root
              + ", the header says "
              + header.header().receiptsRoot());
    }
    return List.copyOf(receipts);
  }
}
