/**
 * The ethereum/tests state-test format and runner: {@link
 * io.opal.execution.statetest.StateTestLoader} parses a file, {@link
 * io.opal.execution.statetest.StateTestRunner} runs each (test, fork, index) case on a fresh
 * in-memory pre-state and compares the post-state root and logs hash. Used by the conformance tests
 * and by {@code opal evm statetest}.
 */
package io.opal.execution.statetest;
