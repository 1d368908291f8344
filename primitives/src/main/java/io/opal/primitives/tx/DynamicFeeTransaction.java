package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Signature;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/** EIP-1559 (type 0x02): a fee cap and a tip cap instead of one gas price. */
public record DynamicFeeTransaction(
    long chainId,
    long nonce,
    UInt256 maxPriorityFeePerGas,
    UInt256 maxFeePerGas,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    List<AccessListEntry> accessList,
    int yParity,
    UInt256 r,
    UInt256 s)
    implements SignedTransaction {

  public DynamicFeeTransaction {
    Objects.requireNonNull(maxPriorityFeePerGas);
    Objects.requireNonNull(maxFeePerGas);
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
    return TxType.DYNAMIC_FEE;
  }

  @Override
  public OptionalLong signedChainId() {
    return OptionalLong.of(chainId);
  }

  @Override
  public Optional<Signature> signature() {
    return Optional.of(new Signature(r, s, yParity));
  }

  public DynamicFeeTransaction withSignature(int yParity, UInt256 r, UInt256 s) {
    return new DynamicFeeTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        yParity,
        r,
        s);
  }
}
