/**
 * Stateless re-execution of real OP blocks (the {@code opal replay} command): {@link
 * io.opal.execution.op.replay.OpExecutionFixture} reads a fixture (rollup config, parent header,
 * payload attributes, witness), {@link io.opal.execution.op.replay.WitnessWorldState} resolves the
 * state from the witness alone, {@link io.opal.execution.op.replay.BlockReplay} builds the block
 * (or validates the real one) and compares hashes.
 */
package io.opal.execution.op.replay;
