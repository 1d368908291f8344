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
 *       by code hash ({@link io.opal.execution.evm.CodeCache}); for the fork that runs it, it is
 *       translated once more ({@code Program}): one {@code long} per instruction, PUSH values
 *       decoded, static gas and stack bounds checked once per straight-line block (evmone's
 *       "advanced" analysis), PUSH+JUMP(I) pairs to valid destinations resolved ahead of time. The
 *       translation costs about ten bytes per byte of code.
 *   <li>Forks are data: {@link io.opal.execution.evm.EvmSpec} holds per-opcode tables (static gas,
 *       stack bounds, availability) built from Frontier by applying each fork's differences, and
 *       the parameters of the dynamic gas rules.
 *   <li>Words are four 64-bit limbs in a flat {@code long[4 * 1024]} stack per frame ({@code U256},
 *       {@code U256Division}); nothing allocates per arithmetic instruction.
 *   <li>Execution is not recursive: CALL/CREATE prepare a pooled child frame ({@link
 *       io.opal.execution.evm.FramePool}) and the driver loop continues in it, so 1024-deep call
 *       chains use no Java stack.
 *   <li>One switch in one small method is the main loop, holding only the cheap instructions; the
 *       rest go through one call to {@code OutOfLine}, whose longer instructions live in {@code
 *       Instructions} (memory, state, environment) and {@code Calls} (the CALL and CREATE
 *       families). A small loop is what lets the JIT keep the stack height, instruction index and
 *       gas in registers: measure with {@code bench/evm/run.mjs} and JMH before changing it.
 * </ul>
 *
 * <p>Exceptional halts (out of gas, stack under/overflow, invalid opcode or jump, static-state
 * violations, return-data bounds, ...) are results ({@link io.opal.execution.evm.HaltReason}), not
 * Java exceptions: nothing the executed code does makes the interpreter throw.
 */
package io.opal.execution.evm;
