/**
 * Block-level values: {@link io.opal.primitives.block.BlockHeader} (through Prague / OP Isthmus),
 * {@link io.opal.primitives.block.Withdrawal}, {@link io.opal.primitives.block.Log} and {@link
 * io.opal.primitives.block.Bloom}, and {@link io.opal.primitives.block.Receipt} (Ethereum receipts
 * and the OP deposit receipt, with the receipts-root encoding the OP forks define). Each encodes to
 * and strictly decodes from its consensus RLP.
 */
package io.opal.primitives.block;
