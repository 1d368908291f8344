/**
 * The execution layer: EVM, world state, OP block processing and building, and the in-process
 * {@code ExecutionEngine}.
 */
package io.opal.execution;
