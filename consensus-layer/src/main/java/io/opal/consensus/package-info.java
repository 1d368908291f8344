/**
 * The rollup node: L1 client, sequencer, derivation, finality, batch submission and output
 * proposals.
 */
package io.opal.consensus;
