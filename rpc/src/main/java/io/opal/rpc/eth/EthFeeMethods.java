package io.opal.rpc.eth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.ChainReader.ChainReceipt;
import io.opal.rpc.FeeMarket;
import io.opal.rpc.JsonWritable;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcHex;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcParams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/** eth_gasPrice, eth_maxPriorityFeePerGas, eth_blobBaseFee and eth_feeHistory. */
final class EthFeeMethods {
  private final ChainReader chain;
  private final FeeMarket fees;
  private final OpTipOracle oracle;
  private final BlockResolver blocks;
  private final EthConfig config;

  EthFeeMethods(ChainReader chain, FeeMarket fees, EthConfig config) {
    this.chain = chain;
    this.fees = fees;
    this.oracle = new OpTipOracle(chain, config.minSuggestedPriorityFee(), config.maxGasPrice());
    this.blocks = new BlockResolver(chain);
    this.config = config;
  }

  void register(RpcMethodRegistry r) {
    r.register("eth_maxPriorityFeePerGas", 0, p -> oracle.suggestTipCap());
    r.register("eth_gasPrice", 0, p -> gasPrice());
    r.register("eth_blobBaseFee", 0, p -> fees.blobBaseFee(blocks.tagged(BlockTag.LATEST)));
    r.register("eth_feeHistory", 3, this::feeHistory);
  }

  /** geth: the suggested tip plus the head's base fee. */
  private UInt256 gasPrice() throws RpcException {
    UInt256 tip = oracle.suggestTipCap();
    BlockHeader head = blocks.tagged(BlockTag.LATEST);
    return head.baseFeePerGas().isPresent()
        ? tip.add(BlockReceipts.unsigned(head.baseFeePerGas().getAsLong()))
        : tip;
  }

  /** One block's row of the history. */
  private record Row(
      UInt256 baseFee,
      double gasUsedRatio,
      UInt256[] rewards,
      Optional<UInt256> blobBaseFee,
      double blobGasUsedRatio) {}

  private Object feeHistory(RpcParams p) throws RpcException {
    long count = p.read(0, EthFeeMethods::blockCount);
    long newest = blocks.number(p.blockNumber(1));
    double[] percentiles = p.readOptional(2, EthFeeMethods::percentiles).orElse(null);
    if (count == 0) {
      return history(0, List.of(), null, percentiles != null);
    }
    long head = blocks.tagged(BlockTag.LATEST).number();
    if (newest > head) {
      throw RpcException.serverError(
          "request beyond head block: requested " + newest + ", head " + head);
    }
    count = Math.min(count, Math.min(config.maxFeeHistoryBlocks(), newest + 1));
    long oldest = newest - count + 1;
    List<Row> rows = new ArrayList<>((int) count);
    BlockHeader last = null;
    for (long n = oldest; n <= newest; n++) {
      BlockHeader h =
          chain.headerByNumber(n).orElseThrow(() -> RpcException.serverError("header not found"));
      rows.add(row(h, percentiles));
      last = h;
    }
    return history(oldest, rows, last, percentiles != null);
  }

  private Row row(BlockHeader h, double[] percentiles) throws RpcException {
    UInt256 baseFee = BlockReceipts.unsigned(h.baseFeePerGas().orElse(0));
    double ratio = h.gasLimit() == 0 ? 0 : (double) h.gasUsed() / (double) h.gasLimit();
    UInt256[] rewards = percentiles == null ? null : rewards(h, baseFee, percentiles);
    Optional<UInt256> blobFee =
        h.excessBlobGas().isPresent() ? Optional.of(fees.blobBaseFee(h)) : Optional.empty();
    long maxBlob = fees.maxBlobGasPerBlock(h);
    double blobRatio = maxBlob == 0 ? 0 : (double) h.blobGasUsed().orElse(0) / (double) maxBlob;
    return new Row(baseFee, ratio, rewards, blobFee, blobRatio);
  }

  /**
   * geth's rewards: the block's transactions sorted by tip, each weighted by its gas; the reward at
   * percentile p is the tip of the transaction where the running gas reaches p% of the block's.
   */
  private UInt256[] rewards(BlockHeader h, UInt256 baseFee, double[] percentiles)
      throws RpcException {
    UInt256[] out = new UInt256[percentiles.length];
    Arrays.fill(out, UInt256.ZERO);
    io.opal.primitives.Hash hash = h.hash();
    Optional<Block> block = chain.blockByHash(hash);
    Optional<List<ChainReceipt>> receipts = chain.receipts(hash);
    if (block.isEmpty() || receipts.isEmpty() || block.get().body().transactions().isEmpty()) {
      return out;
    }
    List<Transaction> txs = block.get().body().transactions();
    record TxReward(long gasUsed, UInt256 reward) {}
    List<TxReward> sorted = new ArrayList<>(txs.size());
    long previous = 0;
    for (int i = 0; i < txs.size() && i < receipts.get().size(); i++) {
      long cumulative = receipts.get().get(i).receipt().cumulativeGasUsed();
      sorted.add(
          new TxReward(
              cumulative - previous, txs.get(i).effectiveTip(baseFee).orElse(UInt256.ZERO)));
      previous = cumulative;
    }
    if (sorted.isEmpty()) {
      return out;
    }
    sorted.sort(Comparator.comparing(TxReward::reward));
    int index = 0;
    long sumGasUsed = sorted.get(0).gasUsed();
    for (int i = 0; i < percentiles.length; i++) {
      long threshold = (long) (h.gasUsed() * percentiles[i] / 100);
      while (sumGasUsed < threshold && index < sorted.size() - 1) {
        index++;
        sumGasUsed += sorted.get(index).gasUsed();
      }
      out[i] = sorted.get(index).reward();
    }
    return out;
  }

  private JsonWritable history(
      long oldest, List<Row> rows, BlockHeader newest, boolean withRewards) {
    UInt256 next = newest == null ? null : fees.nextBaseFee(newest);
    Optional<UInt256> nextBlob =
        newest != null && newest.excessBlobGas().isPresent()
            ? Optional.of(fees.blobBaseFee(newest))
            : Optional.empty();
    return g -> {
      g.writeStartObject();
      g.writeStringField("oldestBlock", RpcHex.quantity(oldest));
      if (withRewards && !rows.isEmpty()) {
        g.writeArrayFieldStart("reward");
        for (Row r : rows) {
          writeQuantities(g, Arrays.asList(r.rewards()));
        }
        g.writeEndArray();
      }
      if (!rows.isEmpty()) {
        g.writeArrayFieldStart("baseFeePerGas");
        for (Row r : rows) {
          g.writeString(RpcHex.quantity(r.baseFee()));
        }
        g.writeString(RpcHex.quantity(next));
        g.writeEndArray();
      }
      g.writeArrayFieldStart("gasUsedRatio");
      for (Row r : rows) {
        g.writeNumber(GoFloat.format(r.gasUsedRatio()));
      }
      g.writeEndArray();
      if (nextBlob.isPresent()) {
        g.writeArrayFieldStart("baseFeePerBlobGas");
        for (Row r : rows) {
          g.writeString(RpcHex.quantity(r.blobBaseFee().orElse(UInt256.ZERO)));
        }
        g.writeString(RpcHex.quantity(nextBlob.get()));
        g.writeEndArray();
        g.writeArrayFieldStart("blobGasUsedRatio");
        for (Row r : rows) {
          g.writeNumber(GoFloat.format(r.blobGasUsedRatio()));
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    };
  }

  private static void writeQuantities(JsonGenerator g, List<UInt256> values) throws IOException {
    g.writeStartArray();
    for (UInt256 v : values) {
      g.writeString(RpcHex.quantity(v));
    }
    g.writeEndArray();
  }

  /** geth's {@code math.HexOrDecimal64}: a hex or decimal string, or a JSON number. */
  static long blockCount(JsonNode n) {
    if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0) {
      return n.longValue();
    }
    if (n.isTextual()) {
      String s = n.textValue();
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return RpcHex.decodeLong(s);
      }
      try {
        long v = Long.parseLong(s);
        if (v >= 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("invalid block count: " + n);
  }

  /** Ascending percentiles in [0, 100], at most 100 of them. */
  static double[] percentiles(JsonNode n) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("cannot unmarshal non-array into reward percentiles");
    }
    if (n.size() > 100) {
      throw new IllegalArgumentException("invalid reward percentile: over the query limit 100");
    }
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = n.get(i);
      if (!v.isNumber()) {
        throw new IllegalArgumentException(
            "cannot unmarshal "
                + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " into a percentile");
      }
      double p = v.doubleValue();
      if (p < 0 || p > 100) {
        throw new IllegalArgumentException(String.format("invalid reward percentile: %f", p));
      }
      if (i > 0 && p <= out[i - 1]) {
        throw new IllegalArgumentException(
            String.format("invalid reward percentile: #%d:%f >= #%d:%f", i - 1, out[i - 1], i, p));
      }
      out[i] = p;
    }
    return out;
  }
}
