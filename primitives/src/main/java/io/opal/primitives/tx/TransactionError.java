package io.opal.primitives.tx;

/**
 * Why a well-formed transaction is not valid under a fork's static rules (those that need no
 * state). The txpool and the block processor map these onto their own responses.
 */
public enum TransactionError {
  /** The type is not active yet at this fork (EIP-2930 from Berlin, 1559 London, ...). */
  TYPE_NOT_SUPPORTED("transaction type not supported at this fork"),
  /** r or s outside [1, n-1], a yParity other than 0 or 1, or a legacy v naming no recovery id. */
  INVALID_SIGNATURE("invalid signature values"),
  /** EIP-2 (Homestead): s must be at most n/2. */
  SIGNATURE_S_TOO_HIGH("signature s value above secp256k1n/2"),
  /** A legacy v of chainId*2+35/36 before EIP-155 (Spurious Dragon). */
  REPLAY_PROTECTION_NOT_ACTIVE("EIP-155 signature before Spurious Dragon"),
  /** The signature commits to another chain. */
  WRONG_CHAIN_ID("transaction signed for another chain"),
  /** The signature recovers no public key. */
  SENDER_RECOVERY_FAILED("no sender recovers from the signature"),
  /** EIP-2681: the nonce must stay below 2^64-1. */
  NONCE_MAX("nonce must be below 2^64-1"),
  /** gasLimit × gas price (or fee cap) does not fit in 256 bits. */
  GAS_LIMIT_PRICE_OVERFLOW("gas limit times gas price exceeds 2^256-1"),
  /** EIP-1559: the tip cap may not exceed the fee cap. */
  TIP_ABOVE_FEE_CAP("max priority fee per gas above max fee per gas"),
  /** EIP-3860 (Shanghai): init code is at most 49152 bytes. */
  INITCODE_TOO_LARGE("init code larger than 49152 bytes"),
  /** The gas limit does not cover the intrinsic gas. */
  INTRINSIC_GAS_TOO_LOW("gas limit below intrinsic gas"),
  /** EIP-7623 (Prague): the gas limit does not cover the calldata floor. */
  FLOOR_DATA_GAS_TOO_LOW("gas limit below the EIP-7623 calldata floor"),
  /** EIP-4844: a blob transaction carries at least one blob. */
  NO_BLOBS("blob transaction without blob versioned hashes"),
  /** EIP-4844: every versioned hash starts with the KZG version byte 0x01. */
  INVALID_BLOB_VERSIONED_HASH("blob versioned hash without version byte 0x01"),
  /** EIP-7702: a set-code transaction carries at least one authorization. */
  EMPTY_AUTHORIZATION_LIST("set-code transaction without authorizations");

  private final String description;

  TransactionError(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
