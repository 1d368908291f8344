package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Signature;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * EIP-4844 (type 0x03): carries versioned hashes of blobs that travel beside it. OP chains read
 * these from L1 (batcher data) and never include them; the record is the canonical form, without
 * the sidecar (see {@link BlobSidecar}).
 *
 * @param to always present: a blob transaction cannot create a contract
 */
public record BlobTransaction(
    long chainId,
    long nonce,
    UInt256 maxPriorityFeePerGas,
    UInt256 maxFeePerGas,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    List<AccessListEntry> accessList,
    UInt256 maxFeePerBlobGas,
    List<Hash> blobVersionedHashes,
    int yParity,
    UInt256 r,
    UInt256 s)
    implements SignedTransaction {

  public BlobTransaction {
    Objects.requireNonNull(maxPriorityFeePerGas);
    Objects.requireNonNull(maxFeePerGas);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("a blob transaction needs a recipient");
    }
    Objects.requireNonNull(value);
    Objects.requireNonNull(data);
    accessList = List.copyOf(accessList);
    Objects.requireNonNull(maxFeePerBlobGas);
    blobVersionedHashes = List.copyOf(blobVersionedHashes);
    TypedFields.checkParity(yParity);
    Objects.requireNonNull(r);
    Objects.requireNonNull(s);
  }

  @Override
  public TxType type() {
    return TxType.BLOB;
  }

  @Override
  public OptionalLong signedChainId() {
    return OptionalLong.of(chainId);
  }

  @Override
  public Optional<Signature> signature() {
    return Optional.of(new Signature(r, s, yParity));
  }

  public BlobTransaction withSignature(int yParity, UInt256 r, UInt256 s) {
    return new BlobTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        maxFeePerBlobGas,
        blobVersionedHashes,
        yParity,
        r,
        s);
  }
}
