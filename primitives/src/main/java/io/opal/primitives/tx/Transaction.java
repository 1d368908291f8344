package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A transaction of any type Opal handles. Each type is a record; the accessors here are the ones
 * every consumer (EVM, txpool, RPC) needs, with the neutral value for types that lack the field (an
 * empty access list, a zero tip for deposits...).
 *
 * <p>Quantities that are 64-bit in the protocol ({@link #nonce()}, {@link #gasLimit()}) are Java
 * longs read as <em>unsigned</em>: compare them with {@link Long#compareUnsigned}.
 *
 * <p>Nothing is cached: {@link #hash()} re-encodes and {@link #sender()} recovers on every call, so
 * callers that need them twice keep the result.
 */
public sealed interface Transaction permits SignedTransaction, DepositTransaction {

  TxType type();

  /** The sender's nonce; 0 for deposits, which have none. Unsigned 64-bit. */
  long nonce();

  /** Unsigned 64-bit. */
  long gasLimit();

  /** The recipient; empty for a contract creation. */
  Optional<Address> to();

  UInt256 value();

  /** Call data, or init code for a contract creation. */
  Bytes data();

  /**
   * The chain id the signature commits to; empty for legacy transactions without EIP-155 replay
   * protection and for deposits.
   */
  OptionalLong signedChainId();

  /** The gas price a legacy or EIP-2930 transaction names, the fee cap of later types. */
  UInt256 maxFeePerGas();

  /** The tip cap; equal to the gas price for legacy and EIP-2930 transactions. */
  UInt256 maxPriorityFeePerGas();

  default List<AccessListEntry> accessList() {
    return List.of();
  }

  default List<Hash> blobVersionedHashes() {
    return List.of();
  }

  default List<Authorization> authorizationList() {
    return List.of();
  }

  default boolean isContractCreation() {
    return to().isEmpty();
  }

  /**
   * The price per gas the sender pays in a block with this base fee: {@code min(maxFee, baseFee +
   * tip)}, the gas price itself for legacy and EIP-2930 transactions. Pass zero before London.
   * Deposits pay nothing on L2.
   */
  default UInt256 effectiveGasPrice(UInt256 baseFee) {
    return Fees.effectiveGasPrice(maxFeePerGas(), maxPriorityFeePerGas(), baseFee);
  }

  /**
   * What the block producer earns per gas: {@code min(tip, maxFee - baseFee)}; empty when the fee
   * cap is below the base fee (the transaction cannot be included in such a block).
   */
  default Optional<UInt256> effectiveTip(UInt256 baseFee) {
    return Fees.effectiveTip(maxFeePerGas(), maxPriorityFeePerGas(), baseFee);
  }

  /** keccak256 of the canonical envelope (for a blob transaction: without its sidecar). */
  default Hash hash() {
    return Hash.keccak(TransactionCodec.encode(this));
  }

  /**
   * The account that sent this transaction: the signer recovered from the signature, or a deposit's
   * {@code from}. Recovery accepts any in-range signature (fork rules such as EIP-2's low s are
   * {@link TransactionValidator}'s business).
   *
   * @throws InvalidTransactionException ({@link TransactionError#INVALID_SIGNATURE} or {@link
   *     TransactionError#SENDER_RECOVERY_FAILED}) when no sender can be recovered
   */
  Address sender();
}
