package io.opal.execution.op;

import java.util.List;
import java.util.OptionalInt;

/**
 * A block (or payload attributes) that cannot be built or executed as given: the block is invalid.
 * Names what was wrong: the rule, the transaction index when one transaction is at fault, and for a
 * header that does not match its execution, every field that differs.
 */
public final class BlockValidationException extends Exception {

  /** Which rule the block breaks. */
  public enum Reason {
    /** The header does not follow from its parent (number, parent hash, timestamp, base fee...). */
    INVALID_HEADER,
    /** The attributes lack what the fork requires, or carry what it forbids. */
    INVALID_ATTRIBUTES,
    /** The body does not fit the fork (ommers, withdrawals). */
    INVALID_BODY,
    /** A transaction is invalid (signature, type, nonce, funds, gas...). */
    INVALID_TRANSACTION,
    /** A transaction's gas (or Jovian DA footprint) does not fit in what is left of the block. */
    GAS_LIMIT_EXCEEDED,
    /** The L1-info deposit is missing or malformed where the fork needs it. */
    INVALID_L1_INFO,
    /** Executing the block gives other header values than the block carries. */
    HEADER_MISMATCH
  }

  private final Reason reason;
  private final OptionalInt transactionIndex;
  private final transient List<HeaderDiff.Field> mismatches;

  public BlockValidationException(Reason reason, String message) {
    this(reason, OptionalInt.empty(), List.of(), message);
  }

  public BlockValidationException(Reason reason, int transactionIndex, String message) {
    this(reason, OptionalInt.of(transactionIndex), List.of(), message);
  }

  private BlockValidationException(
      Reason reason, OptionalInt index, List<HeaderDiff.Field> mismatches, String message) {
    super(message);
    this.reason = reason;
    this.transactionIndex = index;
    this.mismatches = List.copyOf(mismatches);
  }

  /** A header whose fields differ from those its execution gives. */
  public static BlockValidationException headerMismatch(List<HeaderDiff.Field> fields) {
    return new BlockValidationException(
        Reason.HEADER_MISMATCH,
        OptionalInt.empty(),
        fields,
        "header does not match its execution: " + fields);
  }

  public Reason reason() {
    return reason;
  }

  /** The index of the transaction at fault, when one is. */
  public OptionalInt transactionIndex() {
    return transactionIndex;
  }

  /** For {@link Reason#HEADER_MISMATCH}: the differing fields (expected = the block's). */
  public List<HeaderDiff.Field> mismatches() {
    return mismatches;
  }
}
