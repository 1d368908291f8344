package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Signature;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * EIP-7702 (type 0x04): an EIP-1559 transaction that also installs code delegations.
 *
 * @param to always present: a set-code transaction cannot create a contract
 */
public record SetCodeTransaction(
    long chainId,
    long nonce,
    UInt256 maxPriorityFeePerGas,
    UInt256 maxFeePerGas,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    List<AccessListEntry> accessList,
    List<Authorization> authorizationList,
    int yParity,
    UInt256 r,
    UInt256 s)
    implements SignedTransaction {

  public SetCodeTransaction {
    Objects.requireNonNull(maxPriorityFeePerGas);
    Objects.requireNonNull(maxFeePerGas);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("a set-code transaction needs a recipient");
    }
    Objects.requireNonNull(value);
    Objects.requireNonNull(data);
    accessList = List.copyOf(accessList);
    authorizationList = List.copyOf(authorizationList);
    TypedFields.checkParity(yParity);
    Objects.requireNonNull(r);
    Objects.requireNonNull(s);
  }

  @Override
  public TxType type() {
    return TxType.SET_CODE;
  }

  @Override
  public OptionalLong signedChainId() {
    return OptionalLong.of(chainId);
  }

  @Override
  public Optional<Signature> signature() {
    return Optional.of(new Signature(r, s, yParity));
  }

  public SetCodeTransaction withSignature(int yParity, UInt256 r, UInt256 s) {
    return new SetCodeTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        authorizationList,
        yParity,
        r,
        s);
  }
}
