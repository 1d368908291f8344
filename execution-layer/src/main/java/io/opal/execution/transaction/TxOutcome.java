package io.opal.execution.transaction;

/** What processing a transaction gave: an execution result, or a rejection that changed nothing. */
public sealed interface TxOutcome {

  record Executed(TransactionResult result) implements TxOutcome {}

  record Rejected(InvalidTransaction reason, String detail) implements TxOutcome {}
}
