/**
 * The EVM interpreter.
 *
 * <p>Data flow for one message: {@link io.opal.execution.evm.Interpreter#execute} takes a {@link
 * io.opal.execution.evm.Message} and runs it over a {@link io.opal.execution.state.JournaledState};
 * the block ({@link io.opal.execution.evm.BlockEnv}), the transaction's ORIGIN/GASPRICE/BLOBHASH
 * ({@link io.opal.execution.evm.TxContext}), the fork's rules ({@link
 * io.opal.execution.evm.EvmSpec}) and the precompiles ({@link io.opal.execution.evm.PrecompileSet})
 * are fixed for its duration. The result is a {@link io.opal.execution.evm.MessageResult}; state
 * changes stay in the journaled state.
 *
 * <p>How it is built for speed (see STYLE.md's evmone notes):
 *
 * <ul>
 *   <li>Code is analysed once ({@code CodeAnalysis}: padded with STOP, JUMPDEST bitmap) and cached
 *       by code hash ({@link io.opal.execution.evm.CodeCache}).
 *   <li>Forks are data: {@link io.opal.execution.evm.EvmSpec} holds per-opcode tables (static gas,
 *       stack bounds, availability) built from Frontier by applying each fork's differences, and
 *       the parameters of the dynamic gas rules.
 *   <li>Words are four 64-bit limbs in a flat {@code long[4 * 1024]} stack per frame ({@code U256},
 *       {@code U256Division}); nothing allocates per arithmetic instruction.
 *   <li>Execution is not recursive: CALL/CREATE prepare a pooled child frame ({@link
 *       io.opal.execution.evm.FramePool}) and the driver loop continues in it, so 1024-deep call
 *       chains use no Java stack.
 *   <li>One switch in one method is the main loop; longer instructions live in {@code Instructions}
 *       (memory, state, environment) and {@code Calls} (the CALL and CREATE families).
 * </ul>
 *
 * <p>Exceptional halts (out of gas, stack under/overflow, invalid opcode or jump, static-state
 * violations, return-data bounds, ...) are results ({@link io.opal.execution.evm.HaltReason}), not
 * Java exceptions: nothing the executed code does makes the interpreter throw.
 */
package io.opal.execution.evm;
