package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Signature;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A pre-EIP-2718 transaction, with ({@code v = chainId*2 + 35/36}, EIP-155) or without ({@code v =
 * 27/28}) replay protection.
 *
 * @param v unsigned 64-bit; kept as decoded so that invalid values reach the validator
 */
public record LegacyTransaction(
    long nonce,
    UInt256 gasPrice,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    long v,
    UInt256 r,
    UInt256 s)
    implements SignedTransaction {

  public LegacyTransaction {
    Objects.requireNonNull(gasPrice);
    Objects.requireNonNull(to);
    Objects.requireNonNull(value);
    Objects.requireNonNull(data);
    Objects.requireNonNull(r);
    Objects.requireNonNull(s);
  }

  /**
   * A transaction body to hand to {@link TransactionSigner}: with a chain id it will be signed
   * under EIP-155, without one as a Homestead transaction. The signature fields are zero (and
   * {@code v} encodes the chain id choice) until it is signed.
   */
  public static LegacyTransaction unsigned(
      OptionalLong chainId,
      long nonce,
      UInt256 gasPrice,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data) {
    long v = chainId.isPresent() ? chainId.getAsLong() * 2 + 35 : 27;
    return new LegacyTransaction(
        nonce, gasPrice, gasLimit, to, value, data, v, UInt256.ZERO, UInt256.ZERO);
  }

  @Override
  public TxType type() {
    return TxType.LEGACY;
  }

  /** Whether {@code v} is in the EIP-155 range (35 and above). */
  public boolean isReplayProtected() {
    return Long.compareUnsigned(v, 35) >= 0;
  }

  /** The EIP-155 chain id, {@code (v - 35) / 2}; empty for {@code v} below 35. */
  @Override
  public OptionalLong signedChainId() {
    return isReplayProtected() ? OptionalLong.of((v - 35) >>> 1) : OptionalLong.empty();
  }

  @Override
  public UInt256 maxFeePerGas() {
    return gasPrice;
  }

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return gasPrice;
  }

  /** v 27/28 give recovery ids 0/1, EIP-155 v its parity; anything else (0..26, 29..34) none. */
  @Override
  public Optional<Signature> signature() {
    int recoveryId;
    if (v == 27 || v == 28) {
      recoveryId = (int) v - 27;
    } else if (isReplayProtected()) {
      recoveryId = (int) ((v - 35) & 1);
    } else {
      return Optional.empty();
    }
    return Optional.of(new Signature(r, s, recoveryId));
  }

  /** This transaction with the given signature, which must be for its chain id choice. */
  public LegacyTransaction withSignature(long v, UInt256 r, UInt256 s) {
    return new LegacyTransaction(nonce, gasPrice, gasLimit, to, value, data, v, r, s);
  }
}
