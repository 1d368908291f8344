/**
 * The execution-backed implementation of the eth_ backend interfaces: chain and state reads over a
 * {@link io.opal.execution.store.ChainDatabase}, calls and gas estimates through the {@link
 * io.opal.execution.transaction.TransactionProcessor}, and the OP fee market.
 */
package io.opal.rpc.backend;
