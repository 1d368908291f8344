package io.opal.rpc.eth;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TxType;
import io.opal.rpc.ChainReader.L1Fees;
import io.opal.rpc.JsonOutput;
import io.opal.rpc.JsonWritable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A receipt as eth_getTransactionReceipt and eth_getBlockReceipts return it, in op-geth's shape:
 * geth's fields, {@code status} (or {@code root} before Byzantium), the L1 fee fields of a
 * non-deposit transaction, the deposit nonce and receipt version of a deposit, and the blob gas and
 * blob gas price of a blob transaction. Keys are sorted, as geth's map-based output is. Built by
 * {@link BlockReceipts}.
 */
public record RpcReceipt(
    Transaction tx,
    Hash transactionHash,
    int transactionIndex,
    Address from,
    Hash blockHash,
    long blockNumber,
    Receipt receipt,
    long gasUsed,
    UInt256 effectiveGasPrice,
    Optional<Address> contractAddress,
    List<RpcLog> logs,
    Optional<L1Fees> l1Fees,
    Optional<UInt256> blobGasPrice)
    implements JsonWritable {

  private static final long GAS_PER_BLOB = 131_072;

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    Map<String, Object> f = new TreeMap<>();
    f.put("blockHash", blockHash);
    f.put("blockNumber", blockNumber);
    f.put("transactionHash", transactionHash);
    f.put("transactionIndex", transactionIndex);
    f.put("from", from);
    f.put("to", tx.to());
    f.put("gasUsed", gasUsed);
    f.put("cumulativeGasUsed", receipt.cumulativeGasUsed());
    f.put("contractAddress", contractAddress);
    f.put("logs", logs);
    f.put("logsBloom", receipt.logsBloom().bytes());
    f.put("type", tx.type() == TxType.LEGACY ? 0 : tx.type().typeByte());
    f.put("effectiveGasPrice", effectiveGasPrice);
    switch (receipt.outcome()) {
      case Receipt.Status s -> f.put("status", s.success() ? 1 : 0);
      case Receipt.PostState p -> f.put("root", p.stateRoot());
    }
    if (receipt instanceof io.opal.primitives.block.DepositReceipt d) {
      d.depositNonce().ifPresent(n -> f.put("depositNonce", n));
      d.depositReceiptVersion().ifPresent(v -> f.put("depositReceiptVersion", v));
    } else {
      l1Fees.ifPresent(fees -> putL1Fees(f, fees));
    }
    if (tx instanceof BlobTransaction blob && blobGasPrice.isPresent()) {
      // geth: a blob transaction's receipt shows its blob gas and the block's blob base fee.
      f.put("blobGasUsed", (long) blob.blobVersionedHashes().size() * GAS_PER_BLOB);
      f.put("blobGasPrice", blobGasPrice.get());
    }
    JsonOutput.write(g, f);
  }

  private static void putL1Fees(Map<String, Object> f, L1Fees fees) {
    f.put("l1GasPrice", fees.l1GasPrice());
    f.put("l1GasUsed", fees.l1GasUsed());
    f.put("l1Fee", fees.l1Fee());
    fees.l1FeeScalar().ifPresent(v -> f.put("l1FeeScalar", v));
    fees.l1BlobBaseFee().ifPresent(v -> f.put("l1BlobBaseFee", v));
    fees.l1BaseFeeScalar().ifPresent(v -> f.put("l1BaseFeeScalar", v));
    fees.l1BlobBaseFeeScalar().ifPresent(v -> f.put("l1BlobBaseFeeScalar", v));
    fees.operatorFeeScalar().ifPresent(v -> f.put("operatorFeeScalar", v));
    fees.operatorFeeConstant().ifPresent(v -> f.put("operatorFeeConstant", v));
    fees.daFootprintGasScalar().ifPresent(v -> f.put("daFootprintGasScalar", v));
    fees.daFootprint().ifPresent(v -> f.put("blobGasUsed", v));
  }
}
