/**
 * World state as the EVM sees it.
 *
 * <ul>
 *   <li>{@link io.opal.execution.state.StateReader} / {@link io.opal.execution.state.WorldState}:
 *       the small interface a state backend implements (accounts, slots, code; apply a
 *       transaction's {@link io.opal.execution.state.AccountUpdate}s; the state root). {@link
 *       io.opal.execution.state.InMemoryWorldState} is the in-memory one; the persistent one (and
 *       the stateless, witness-backed one) is {@code io.opal.execution.store.BlockState}.
 *   <li>{@link io.opal.execution.state.JournaledState}: one transaction's view, loading lazily from
 *       a reader and journaling every change so call frames can revert; it also holds what lives
 *       only for the transaction (transient storage, warm sets, logs, refunds, created and touched
 *       accounts) and finally yields the net changes, with EIP-161 clearing.
 * </ul>
 */
package io.opal.execution.state;
