package io.opal.rpc;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.Authorization;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The transaction fields of eth_call, eth_estimateGas and eth_createAccessList (geth's {@code
 * TransactionArgs}); every field may be absent and the executor fills defaults as geth does (gas
 * from the cap, fees zero for calls...). {@code input} is the call data whether the client sent it
 * as {@code input} or {@code data}.
 */
public record CallRequest(
    Optional<Address> from,
    Optional<Address> to,
    OptionalLong gas,
    Optional<UInt256> gasPrice,
    Optional<UInt256> maxFeePerGas,
    Optional<UInt256> maxPriorityFeePerGas,
    Optional<UInt256> maxFeePerBlobGas,
    Optional<UInt256> value,
    OptionalLong nonce,
    Optional<Bytes> input,
    Optional<List<AccessListEntry>> accessList,
    Optional<UInt256> chainId,
    List<Hash> blobVersionedHashes,
    Optional<List<Authorization>> authorizationList) {

  public CallRequest {
    blobVersionedHashes = List.copyOf(blobVersionedHashes);
    accessList = accessList.map(List::copyOf);
    authorizationList = authorizationList.map(List::copyOf);
  }

  /** A request with only a recipient and call data, as most eth_call requests are. */
  public static CallRequest to(Address to, Bytes input) {
    return new CallRequest(
        Optional.empty(),
        Optional.of(to),
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        Optional.of(input),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }
}
