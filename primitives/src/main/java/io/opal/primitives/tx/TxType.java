package io.opal.primitives.tx;

import io.opal.primitives.fork.EvmFork;
import java.util.Optional;

/**
 * The EIP-2718 transaction types Opal knows, with the byte that prefixes their envelope and the
 * Ethereum rule set that introduced them.
 */
public enum TxType {
  LEGACY(-1, EvmFork.FRONTIER),
  /** EIP-2930: optional access lists. */
  ACCESS_LIST(0x01, EvmFork.BERLIN),
  /** EIP-1559: fee market. */
  DYNAMIC_FEE(0x02, EvmFork.LONDON),
  /** EIP-4844: blob-carrying transactions (on L1 only; OP chains never include them). */
  BLOB(0x03, EvmFork.CANCUN),
  /** EIP-7702: set EOA code. */
  SET_CODE(0x04, EvmFork.PRAGUE),
  /**
   * OP Stack deposited transaction. Its activation is an OP rule (it exists from Bedrock on), so
   * the Ethereum rule set here is the earliest one.
   */
  DEPOSIT(0x7e, EvmFork.FRONTIER);

  private final int typeByte;
  private final EvmFork introducedIn;

  TxType(int typeByte, EvmFork introducedIn) {
    this.typeByte = typeByte;
    this.introducedIn = introducedIn;
  }

  /** The EIP-2718 type byte; -1 for legacy transactions, whose envelope is a bare RLP list. */
  public int typeByte() {
    return typeByte;
  }

  /** The first Ethereum rule set in which this type may appear in a block. */
  public EvmFork introducedIn() {
    return introducedIn;
  }

  public boolean isSupportedAt(EvmFork fork) {
    return fork.isAtLeast(introducedIn);
  }

  /** The typed transaction for an envelope's first byte, if Opal knows it. */
  public static Optional<TxType> fromTypeByte(int b) {
    return switch (b) {
      case 0x01 -> Optional.of(ACCESS_LIST);
      case 0x02 -> Optional.of(DYNAMIC_FEE);
      case 0x03 -> Optional.of(BLOB);
      case 0x04 -> Optional.of(SET_CODE);
      case 0x7e -> Optional.of(DEPOSIT);
      default -> Optional.empty();
    };
  }
}
