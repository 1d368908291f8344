package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.DepositReceipt;
import io.opal.primitives.block.Log;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.ChainReader.ChainReceipt;
import io.opal.rpc.RpcException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Derives what receipt JSON needs beyond the stored receipts, as geth's {@code DeriveFields} does:
 * each transaction's own gas (the difference of cumulative gas), the effective gas price at the
 * block's base fee, the created contract's address, and the block-wide index of every log.
 */
public final class BlockReceipts {
  private BlockReceipts() {}

  public static List<RpcReceipt> derive(
      Block block, Hash blockHash, List<Address> senders, List<ChainReceipt> receipts)
      throws RpcException {
    List<Transaction> txs = block.body().transactions();
    if (receipts.size() != txs.size() || senders.size() != txs.size()) {
      throw RpcException.serverError(
          "receipts of block " + blockHash + " do not match its transactions");
    }
    UInt256 baseFee = unsigned(block.header().baseFeePerGas().orElse(0));
    List<RpcReceipt> out = new ArrayList<>(txs.size());
    long previousCumulative = 0;
    long logIndex = 0;
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      Hash txHash = tx.hash();
      Receipt r = receipts.get(i).receipt();
      List<RpcLog> logs = new ArrayList<>(r.logs().size());
      for (Log log : r.logs()) {
        logs.add(
            new RpcLog(
                log,
                blockHash,
                block.number(),
                block.header().timestamp(),
                txHash,
                i,
                logIndex++,
                false));
      }
      Optional<Address> created =
          tx.isContractCreation()
              ? Optional.of(createdAddress(senders.get(i), creationNonce(tx, r)))
              : Optional.empty();
      out.add(
          new RpcReceipt(
              tx,
              txHash,
              i,
              senders.get(i),
              blockHash,
              block.number(),
              r,
              r.cumulativeGasUsed() - previousCumulative,
              tx.effectiveGasPrice(baseFee),
              created,
              logs,
              receipts.get(i).l1Fees(),
              receipts.get(i).blobGasPrice()));
      previousCumulative = r.cumulativeGasUsed();
    }
    return out;
  }

  /** A deposit's nonce is recorded in its receipt (Regolith on); other transactions carry it. */
  private static long creationNonce(Transaction tx, Receipt r) {
    if (tx instanceof DepositTransaction && r instanceof DepositReceipt d) {
      return d.depositNonce().orElse(0);
    }
    return tx.nonce();
  }

  /** The nonce and receipt version op-geth shows on a deposit transaction. */
  static OptionalLong[] depositFields(Receipt r) {
    if (r instanceof DepositReceipt d) {
      return new OptionalLong[] {d.depositNonce(), d.depositReceiptVersion()};
    }
    return new OptionalLong[] {OptionalLong.empty(), OptionalLong.empty()};
  }

  /** An unsigned 64-bit value (header fields) as a 256-bit one. */
  static UInt256 unsigned(long value) {
    return value >= 0
        ? UInt256.valueOf(value)
        : UInt256.valueOf(new java.math.BigInteger(Long.toUnsignedString(value)));
  }

  /** keccak256(rlp([sender, nonce]))[12:], the address CREATE gives. */
  public static Address createdAddress(Address sender, long nonce) {
    byte[] rlp =
        new RlpWriter(32).startList().writeAddress(sender).writeLong(nonce).endList().toByteArray();
    byte[] h = Hash.keccak(rlp).toArray();
    return Address.wrap(Arrays.copyOfRange(h, 12, 32));
  }
}
