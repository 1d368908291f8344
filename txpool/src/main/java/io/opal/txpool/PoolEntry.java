package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.SignedTransaction;
import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The pool's bookkeeping for one transaction. The immutable part is the public {@link
 * PooledTransaction}; the mutable fields change only under the pool lock (the L1 cost with every
 * head, the eviction price with every base fee).
 */
final class PoolEntry {
  final PooledTransaction view;
  final SignedTransaction tx;
  final long nonce;
  final int slots;

  /** value + gasLimit × maxFee: what execution may cost at most, without the L1 part. */
  final BigInteger executionCost;

  /** Accounts whose EIP-7702 authorizations this transaction carries (recovered, may repeat). */
  final List<Address> authorities;

  /** L1 data fee + operator fee at the current head. */
  BigInteger l1Cost = BigInteger.ZERO;

  /** executionCost + l1Cost: what the sender's balance must cover. */
  BigInteger totalCost;

  /** Set by {@link PricedIndex}: whether the fee cap is below the base fee. */
  boolean underwater;

  /** Set by {@link PricedIndex}: effective tip, or the fee cap when underwater. */
  UInt256 priceKey = UInt256.ZERO;

  PoolEntry(PooledTransaction view, List<Address> authorities) {
    this.view = view;
    this.tx = view.transaction();
    this.nonce = tx.nonce();
    this.slots = PoolConfig.slotsOf(view.envelope().size());
    this.authorities = List.copyOf(authorities);
    BigInteger gas = new BigInteger(Long.toUnsignedString(tx.gasLimit()));
    this.executionCost =
        tx.value().toBigInteger().add(gas.multiply(tx.maxFeePerGas().toBigInteger()));
    this.totalCost = executionCost;
  }

  void setL1Cost(UInt256 cost) {
    l1Cost = cost.toBigInteger();
    totalCost = executionCost.add(l1Cost);
  }

  Hash hash() {
    return view.hash();
  }

  Address sender() {
    return view.sender();
  }

  boolean isLocal() {
    return view.isLocal();
  }

  long seq() {
    return view.arrivalSeq();
  }

  @Override
  public String toString() {
    return view.sender() + "/" + Long.toUnsignedString(nonce) + " " + view.hash();
  }
}
