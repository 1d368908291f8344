package io.opal.txpool;

/**
 * Why the pool refused a transaction. Each constant carries the text geth (and op-geth) use for the
 * same refusal, so that wallets and tools that match on those strings keep working; a {@link
 * AddResult.Rejected}'s message starts with it and may add the numbers that explain it (as geth's
 * wrapped errors do: {@code "nonce too low: next nonce 5, tx nonce 3"}).
 */
public enum PoolError {
  /** The same transaction (by hash) is already pooled. */
  ALREADY_KNOWN("already known"),
  /** The bytes are not a transaction envelope (bad RLP, unknown type byte...). */
  INVALID_ENCODING("invalid transaction encoding"),
  /** Larger than the pool's size limit (128 KiB), a denial-of-service guard. */
  OVERSIZED_DATA("oversized data"),
  /** Deposits and blob transactions never enter the pool; other types before their fork. */
  TYPE_NOT_SUPPORTED("transaction type not supported"),
  /** Signed for another chain (geth reports it as an invalid sender, with this detail). */
  INVALID_CHAIN_ID("invalid sender"),
  /** Signature values out of range, high s, or no key recovers from them. */
  INVALID_SENDER("invalid sender"),
  /** EIP-2681: a nonce of 2^64-1 could never be followed. */
  NONCE_MAX("nonce has max value"),
  /** EIP-3860: init code above 49152 bytes. */
  MAX_INITCODE_SIZE("max initcode size exceeded"),
  /** The gas limit is above the head block's gas limit: it could never be included. */
  GAS_LIMIT("exceeds block gas limit"),
  TIP_ABOVE_FEE_CAP("max priority fee per gas higher than max fee per gas"),
  INTRINSIC_GAS("intrinsic gas too low"),
  /** EIP-7623 (Prague): the gas limit does not cover the calldata floor. */
  FLOOR_DATA_GAS("insufficient gas for floor data gas cost"),
  /**
   * The tip is below the pool's minimum, or the pool is full and the transaction does not pay more
   * than the cheapest one it holds.
   */
  UNDERPRICED("transaction underpriced"),
  /** EIP-7702: a set-code transaction needs at least one authorization. */
  EMPTY_AUTH_LIST("set code tx must have at least one authorization tuple"),
  NONCE_TOO_LOW("nonce too low"),
  /** The nonce is further ahead of the account's next pending nonce than the pool keeps. */
  NONCE_TOO_HIGH("nonce too high"),
  /** Balance below value + gasLimit × maxFee + L1 data fee + operator fee (plus pending txs). */
  INSUFFICIENT_FUNDS("insufficient funds for gas * price + value"),
  /** A delegated (EIP-7702) account may only send its next nonce. */
  GAPPED_NONCE_DELEGATED("gapped-nonce tx from delegated accounts"),
  /**
   * A delegated account, or one with a pooled authorization, may have one transaction in flight.
   */
  INFLIGHT_TX_LIMIT("in-flight transaction limit reached for delegated accounts"),
  /** An authorization is signed by an account that already has transactions in the pool. */
  AUTHORITY_RESERVED("authority already reserved"),
  /** Same sender and nonce as a pooled transaction, without the required fee bump. */
  REPLACE_UNDERPRICED("replacement transaction underpriced"),
  /** A transaction that cannot execute yet may not push out executable ones. */
  FUTURE_REPLACE_PENDING("future transaction tries to replace pending"),
  /** The pool is full of transactions that pay at least as much. */
  TXPOOL_FULL("txpool is full");

  private final String text;

  PoolError(String text) {
    this.text = text;
  }

  /** geth's error text, the prefix of every message for this error. */
  public String text() {
    return text;
  }
}
