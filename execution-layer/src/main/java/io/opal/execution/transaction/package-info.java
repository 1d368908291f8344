/**
 * Transaction processing on top of the interpreter: {@link
 * io.opal.execution.transaction.TransactionProcessor} validates a {@link
 * io.opal.execution.transaction.TxEnv} (built from a decoded transaction with {@link
 * io.opal.execution.transaction.TxEnv#of}), buys gas, applies EIP-7702 authorizations, runs the
 * message, refunds, applies the EIP-7623 floor and pays fees through a {@link
 * io.opal.execution.transaction.FeeHandler} (overridable: the OP Stack routes fees to its vaults).
 * The outcome is a {@link io.opal.execution.transaction.TxOutcome}: executed (with a {@link
 * io.opal.execution.transaction.TransactionResult} and the state changes) or rejected with a typed
 * {@link io.opal.execution.transaction.InvalidTransaction} reason and no change at all. OP deposits
 * go through {@code executeDeposit}, which never rejects: a deposit that cannot run fails with its
 * mint kept and its nonce incremented (deposits.md).
 */
package io.opal.execution.transaction;
