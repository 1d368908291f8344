package io.opal.execution.op;

/** Whether a transaction offered to a block builder went in. */
public sealed interface TxInclusion {

  record Included(ExecutedTransaction transaction) implements TxInclusion {}

  /** Left out; the block is unchanged. */
  record NotIncluded(Cause cause, String detail) implements TxInclusion {
    /** A transaction the processor rejected: a used nonce, or invalid here. */
    public static NotIncluded of(io.opal.execution.transaction.TxOutcome.Rejected rejected) {
      Cause cause =
          rejected.reason() == io.opal.execution.transaction.InvalidTransaction.NONCE_TOO_LOW
              ? Cause.NONCE_TOO_LOW
              : Cause.INVALID;
      return new NotIncluded(
          cause, rejected.reason() + (rejected.detail().isEmpty() ? "" : " " + rejected.detail()));
    }
  }

  /** Why a transaction was left out. */
  enum Cause {
    /** Its nonce is already used: the sender's next transaction may still fit. */
    NONCE_TOO_LOW,
    /** Its gas limit exceeds the gas left in the block. */
    GAS_LIMIT_REACHED,
    /** Its Jovian DA footprint exceeds what is left of the block's. */
    DA_LIMIT_REACHED,
    /** It is invalid here (type, signature, nonce gap, funds, fees...). */
    INVALID
  }
}
