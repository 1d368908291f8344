package io.opal.execution.op;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The header fields of a block that are fixed before its transactions run: from payload attributes
 * when building, from the received header when validating.
 *
 * @param baseFee unsigned
 * @param parentBeaconBlockRoot present from Ecotone
 */
record BlockTemplate(
    long number,
    Hash parentHash,
    long timestamp,
    Address beneficiary,
    Hash prevRandao,
    long gasLimit,
    Bytes extraData,
    long baseFee,
    Optional<Hash> parentBeaconBlockRoot) {}
