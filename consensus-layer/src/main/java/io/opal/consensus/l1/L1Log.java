package io.opal.consensus.l1;

import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;

/**
 * A log as a node reports it: the log itself and where it was emitted.
 *
 * @param logIndex the log's position among all logs of its block (what deposit source hashes use)
 * @param removed true when delivered by a filter or subscription because its block left the
 *     canonical chain
 */
public record L1Log(
    Log log,
    Hash blockHash,
    long blockNumber,
    Hash transactionHash,
    int transactionIndex,
    long logIndex,
    boolean removed) {}
