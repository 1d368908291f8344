/**
 * The in-process execution engine (DESIGN.md "The in-process engine"): what the Engine API is to
 * op-node, as method calls on live objects.
 *
 * <ul>
 *   <li>{@link io.opal.execution.engine.ExecutionEngine}: {@code startBuild} → {@link
 *       io.opal.execution.engine.BuildJob} (forced transactions now, pool filling on the job's
 *       thread, partial results, {@code seal()} committing block, receipts, state, indexes and
 *       unsafe head in one batch), {@code insert} → {@link io.opal.execution.engine.InsertResult},
 *       {@code forkchoice} (bounded reorgs through the stored state diffs), reads by hash, number
 *       or {@link io.opal.execution.engine.BlockTag}, state and {@link
 *       io.opal.execution.engine.OutputRoot output roots}, {@link
 *       io.opal.execution.engine.HeadListener head listeners}.
 *   <li>{@link io.opal.execution.engine.TransactionProvider}: where jobs take pool transactions
 *       (the txpool's adapter implements it).
 *   <li>{@link io.opal.execution.engine.DevBlockProducer}: a stand-in sequencer for development.
 *   <li>{@link io.opal.execution.engine.EngineException}: typed refusals, the chain unchanged.
 * </ul>
 *
 * <p>Threading: one writer thread calls the mutating methods and seals; readers may be anywhere.
 */
package io.opal.execution.engine;
