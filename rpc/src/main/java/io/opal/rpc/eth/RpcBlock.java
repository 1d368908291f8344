package io.opal.rpc.eth;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Withdrawal;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.JsonOutput;
import io.opal.rpc.JsonWritable;
import io.opal.rpc.RpcHex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A block or header as eth_getBlockBy*, eth_getHeaderBy* and {@code newHeads} return it: geth's
 * {@code RPCMarshalHeader} fields (fork fields only when the header has them), and for a block its
 * {@code size}, {@code transactions} (hashes or full objects), {@code uncles} and, from Shanghai
 * (Canyon), {@code withdrawals}. Keys are sorted, as geth's map-based output is.
 */
public record RpcBlock(BlockHeader header, Hash hash, Optional<BodyFields> body)
    implements JsonWritable {

  /** What a block adds to its header. */
  public record BodyFields(
      long size,
      List<Object> transactions,
      List<Hash> uncles,
      Optional<List<Withdrawal>> withdrawals) {}

  /** A header alone (eth_getHeaderBy*, newHeads). */
  public static RpcBlock header(BlockHeader header) {
    return new RpcBlock(header, header.hash(), Optional.empty());
  }

  /**
   * A block with its transactions as hashes, or (with {@code fullTransactions}) as objects; {@code
   * full} supplies those objects by index.
   */
  public static RpcBlock of(
      Block block,
      Hash hash,
      boolean fullTransactions,
      java.util.function.IntFunction<RpcTransaction> full) {
    List<Transaction> txs = block.body().transactions();
    List<Object> items = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      items.add(fullTransactions ? full.apply(i) : txs.get(i).hash());
    }
    List<Hash> uncles = new ArrayList<>();
    for (BlockHeader u : block.body().ommers()) {
      uncles.add(u.hash());
    }
    Optional<List<Withdrawal>> withdrawals =
        block.header().withdrawalsRoot().isPresent()
            ? Optional.of(block.body().withdrawals().orElse(List.of()))
            : Optional.empty();
    return new RpcBlock(
        block.header(),
        hash,
        Optional.of(new BodyFields(block.encode().length, items, uncles, withdrawals)));
  }

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    Map<String, Object> fields = headerFields(header, hash);
    if (body.isPresent()) {
      BodyFields b = body.get();
      fields.put("size", b.size());
      fields.put("transactions", b.transactions());
      fields.put("uncles", b.uncles());
      b.withdrawals().ifPresent(w -> fields.put("withdrawals", withdrawalsJson(w)));
    }
    JsonOutput.write(g, fields);
  }

  static Map<String, Object> headerFields(BlockHeader h, Hash hash) {
    Map<String, Object> f = new TreeMap<>();
    f.put("number", h.number());
    f.put("hash", hash);
    f.put("parentHash", h.parentHash());
    f.put("nonce", h.nonce());
    f.put("mixHash", h.mixHash());
    f.put("sha3Uncles", h.ommersHash());
    f.put("logsBloom", h.logsBloom().bytes());
    f.put("stateRoot", h.stateRoot());
    f.put("miner", h.beneficiary());
    f.put("difficulty", h.difficulty());
    f.put("extraData", h.extraData());
    f.put("gasLimit", h.gasLimit());
    f.put("gasUsed", h.gasUsed());
    f.put("timestamp", h.timestamp());
    f.put("transactionsRoot", h.transactionsRoot());
    f.put("receiptsRoot", h.receiptsRoot());
    h.baseFeePerGas().ifPresent(v -> f.put("baseFeePerGas", v));
    h.withdrawalsRoot().ifPresent(v -> f.put("withdrawalsRoot", v));
    h.blobGasUsed().ifPresent(v -> f.put("blobGasUsed", v));
    h.excessBlobGas().ifPresent(v -> f.put("excessBlobGas", v));
    h.parentBeaconBlockRoot().ifPresent(v -> f.put("parentBeaconBlockRoot", v));
    h.requestsHash().ifPresent(v -> f.put("requestsHash", v));
    return f;
  }

  private static List<Object> withdrawalsJson(List<Withdrawal> withdrawals) {
    List<Object> out = new ArrayList<>(withdrawals.size());
    for (Withdrawal w : withdrawals) {
      out.add(
          (JsonWritable)
              g -> {
                g.writeStartObject();
                g.writeStringField("index", RpcHex.quantity(w.index()));
                g.writeStringField("validatorIndex", RpcHex.quantity(w.validatorIndex()));
                g.writeStringField("address", RpcHex.data(w.address().toArray()));
                g.writeStringField("amount", RpcHex.quantity(w.amountGwei()));
                g.writeEndObject();
              });
    }
    return out;
  }
}
