package io.opal.execution.transaction;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TxType;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A transaction as the processor needs it: sender already recovered, fees normalised (for legacy
 * and EIP-2930 transactions both fee fields hold the gas price).
 *
 * @param type 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844, 4 EIP-7702, 0x7e an OP deposit (run
 *     only through {@link TransactionProcessor#executeDeposit})
 * @param to empty for a contract creation
 */
public record TxEnv(
    int type,
    Address caller,
    Optional<Address> to,
    UInt256 value,
    byte[] data,
    long gasLimit,
    long nonce,
    UInt256 maxFeePerGas,
    UInt256 maxPriorityFeePerGas,
    List<AccessListEntry> accessList,
    List<Hash> blobVersionedHashes,
    UInt256 maxFeePerBlobGas,
    List<Authorization> authorizations) {

  /** The environment of a decoded transaction whose sender is already known. */
  public static TxEnv of(Transaction tx, Address sender) {
    int type = tx.type() == TxType.LEGACY ? 0 : tx.type().typeByte();
    UInt256 maxFeePerBlobGas =
        tx instanceof BlobTransaction b ? b.maxFeePerBlobGas() : UInt256.ZERO;
    return new TxEnv(
        type,
        sender,
        tx.to(),
        tx.value(),
        tx.data().toArray(),
        tx.gasLimit(),
        tx.nonce(),
        tx.maxFeePerGas(),
        tx.maxPriorityFeePerGas(),
        tx.accessList(),
        tx.blobVersionedHashes(),
        maxFeePerBlobGas,
        tx.authorizationList());
  }

  /** The environment of a decoded transaction, recovering its sender from the signature. */
  public static TxEnv of(Transaction tx) {
    return of(tx, tx.sender());
  }

  public boolean isCreate() {
    return to.isEmpty();
  }

  /** A legacy transaction (type 0) with a fixed gas price. */
  public static TxEnv legacy(
      Address caller,
      Optional<Address> to,
      UInt256 value,
      byte[] data,
      long gasLimit,
      long nonce,
      UInt256 gasPrice) {
    return new TxEnv(
        0,
        caller,
        to,
        value,
        data,
        gasLimit,
        nonce,
        gasPrice,
        gasPrice,
        List.of(),
        List.of(),
        UInt256.ZERO,
        List.of());
  }
}
