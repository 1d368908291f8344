package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The OP Stack deposited transaction (type 0x7E, specs/protocol/deposits.md): derived from L1, not
 * signed, identified by its source hash. It has no nonce, no fee fields and no access list; it pays
 * for its gas on L1.
 *
 * @param mint wei credited to {@code from} before execution, whatever the outcome
 * @param gasLimit unsigned 64-bit
 * @param isSystemTx a pre-Regolith system transaction; must be false from Regolith on
 */
public record DepositTransaction(
    Hash sourceHash,
    Address from,
    Optional<Address> to,
    UInt256 mint,
    UInt256 value,
    long gasLimit,
    boolean isSystemTx,
    Bytes data)
    implements Transaction {

  public DepositTransaction {
    Objects.requireNonNull(sourceHash);
    Objects.requireNonNull(from);
    Objects.requireNonNull(to);
    Objects.requireNonNull(mint);
    Objects.requireNonNull(value);
    Objects.requireNonNull(data);
  }

  @Override
  public TxType type() {
    return TxType.DEPOSIT;
  }

  /** Deposits carry no nonce (the receipt's depositNonce is the sender's nonce at execution). */
  @Override
  public long nonce() {
    return 0;
  }

  @Override
  public OptionalLong signedChainId() {
    return OptionalLong.empty();
  }

  @Override
  public UInt256 maxFeePerGas() {
    return UInt256.ZERO;
  }

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return UInt256.ZERO;
  }

  /** Deposits pay no L2 gas price: their gas was bought on L1. */
  @Override
  public UInt256 effectiveGasPrice(UInt256 baseFee) {
    return UInt256.ZERO;
  }

  /** Deposits pay no tip and are included whatever the base fee. */
  @Override
  public Optional<UInt256> effectiveTip(UInt256 baseFee) {
    return Optional.of(UInt256.ZERO);
  }

  @Override
  public Address sender() {
    return from;
  }
}
