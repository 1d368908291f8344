/**
 * A small Solidity ABI codec: types ({@link io.opal.consensus.l1.abi.AbiType}), values ({@link
 * io.opal.consensus.l1.abi.AbiCodec}), function calls ({@link
 * io.opal.consensus.l1.abi.AbiFunction}, also from a JSON ABI), event topics and revert reasons
 * ({@link io.opal.consensus.l1.abi.Abi}). Enough to deploy and call the OP contracts; decoding is
 * strict and bounded.
 */
package io.opal.consensus.l1.abi;
