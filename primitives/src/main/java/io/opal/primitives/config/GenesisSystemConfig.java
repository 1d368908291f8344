package io.opal.primitives.config;

import io.opal.primitives.Address;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The L1 system config values in force at the L2 genesis: the batcher address, the pre-Ecotone fee
 * overhead and scalar (the scalar also carries the Ecotone base-fee and blob-base-fee scalars in
 * its versioned form), and the L2 gas limit.
 */
public record GenesisSystemConfig(
    Address batcher, Bytes32 overhead, Bytes32 scalar, long gasLimit) {}
