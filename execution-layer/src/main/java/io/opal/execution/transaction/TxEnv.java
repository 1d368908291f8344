package io.opal.execution.transaction;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A transaction as the processor needs it: sender already recovered, fees normalised (for legacy
 * and EIP-2930 transactions both fee fields hold the gas price).
 *
 * @param type 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844, 4 EIP-7702
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
    List<AccessListItem> accessList,
    List<Hash> blobVersionedHashes,
    UInt256 maxFeePerBlobGas,
    List<SetCodeAuthorization> authorizations) {

  /** One EIP-2930 access list entry. */
  public record AccessListItem(Address address, List<Hash> storageKeys) {}

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
