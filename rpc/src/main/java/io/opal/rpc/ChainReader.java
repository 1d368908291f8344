package io.opal.rpc;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * What the eth_ methods read of the chain: headers, blocks and receipts by number (canonical chain)
 * or hash (any stored block), the heads the block tags name, and where a transaction was included.
 * Implemented by the execution layer's chain store; every method may block on storage and must be
 * safe to call from many threads.
 */
public interface ChainReader {
  /** EIP-155 chain id. */
  long chainId();

  /**
   * The header a tag names: {@code latest} the unsafe head, {@code safe} and {@code finalized} the
   * heads of that name, {@code earliest} genesis. {@code pending} is asked as {@code latest}. Empty
   * when the chain has no such block yet (no finalized block early on).
   */
  Optional<BlockHeader> header(BlockTag tag);

  /** The canonical header at {@code number}. */
  Optional<BlockHeader> headerByNumber(long number);

  /** A stored header, canonical or not. */
  Optional<BlockHeader> headerByHash(Hash hash);

  /** A stored block, canonical or not. */
  Optional<Block> blockByHash(Hash hash);

  /** The receipts of a stored block, in transaction order, with their OP fee fields. */
  Optional<List<ChainReceipt>> receipts(Hash blockHash);

  /** Where a transaction sits on the canonical chain. */
  Optional<TransactionLocation> transactionLocation(Hash txHash);

  /** Block import progress while catching up; empty when in sync. */
  default Optional<SyncProgress> syncProgress() {
    return Optional.empty();
  }

  /**
   * The senders of a block's transactions, in order. The default recovers every signature; a store
   * that keeps senders should answer from them.
   */
  default List<Address> senders(Block block) {
    List<Transaction> txs = block.body().transactions();
    List<Address> out = new ArrayList<>(txs.size());
    for (Transaction tx : txs) {
      out.add(tx.sender());
    }
    return out;
  }

  /** The canonical block at {@code number}. */
  default Optional<Block> blockByNumber(long number) {
    return headerByNumber(number).flatMap(h -> blockByHash(h.hash()));
  }

  /** A transaction's block and position. */
  record TransactionLocation(Hash blockHash, long blockNumber, int index) {}

  /** geth's eth_syncing object. */
  record SyncProgress(long startingBlock, long currentBlock, long highestBlock) {}

  /**
   * A stored receipt and the OP fields op-geth adds to its JSON; {@code l1Fees} is empty for
   * deposit transactions (and on chains without an L1 fee). {@code blobGasPrice} is the block's
   * blob base fee on chains with blob transactions (shown, with blobGasUsed, on their receipts).
   */
  record ChainReceipt(Receipt receipt, Optional<L1Fees> l1Fees, Optional<UInt256> blobGasPrice) {
    public ChainReceipt(Receipt receipt, Optional<L1Fees> l1Fees) {
      this(receipt, l1Fees, Optional.empty());
    }

    public static ChainReceipt of(Receipt receipt) {
      return new ChainReceipt(receipt, Optional.empty());
    }
  }

  /**
   * The L1 data fee (and operator fee) terms of a non-deposit transaction's receipt, named as
   * op-geth's receipt JSON names them. Fields a fork does not have are empty: {@code l1FeeScalar}
   * exists before Ecotone only (a decimal string such as {@code "0.684"}); {@code l1BlobBaseFee},
   * {@code l1BaseFeeScalar} and {@code l1BlobBaseFeeScalar} from Ecotone; the operator fee terms
   * from Isthmus when either is non-zero; {@code daFootprintGasScalar} and {@code daFootprint}
   * (sent as {@code blobGasUsed}) from Jovian.
   */
  record L1Fees(
      UInt256 l1GasPrice,
      UInt256 l1GasUsed,
      UInt256 l1Fee,
      Optional<String> l1FeeScalar,
      Optional<UInt256> l1BlobBaseFee,
      OptionalLong l1BaseFeeScalar,
      OptionalLong l1BlobBaseFeeScalar,
      OptionalLong operatorFeeScalar,
      OptionalLong operatorFeeConstant,
      OptionalLong daFootprintGasScalar,
      OptionalLong daFootprint) {}
}
