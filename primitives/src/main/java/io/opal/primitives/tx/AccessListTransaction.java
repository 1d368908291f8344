package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Signature;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/** EIP-2930 (type 0x01): a legacy-priced transaction with an access list. */
public record AccessListTransaction(
    long chainId,
    long nonce,
    UInt256 gasPrice,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    List<AccessListEntry> accessList,
    int yParity,
    UInt256 r,
    UInt256 s)
    implements SignedTransaction {

  public AccessListTransaction {
    Objects.requireNonNull(gasPrice);
    Objects.requireNonNull(to);
    Objects.requireNonNull(value);
    Objects.requireNonNull(data);
    accessList = List.copyOf(accessList);
    TypedFields.checkParity(yParity);
    Objects.requireNonNull(r);
    Objects.requireNonNull(s);
  }

  @Override
  public TxType type() {
    return TxType.ACCESS_LIST;
  }

  @Override
  public OptionalLong signedChainId() {
    return OptionalLong.of(chainId);
  }

  @Override
  public UInt256 maxFeePerGas() {
    return gasPrice;
  }

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return gasPrice;
  }

  @Override
  public Optional<Signature> signature() {
    return Optional.of(new Signature(r, s, yParity));
  }

  public AccessListTransaction withSignature(int yParity, UInt256 r, UInt256 s) {
    return new AccessListTransaction(
        chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s);
  }
}
