package io.opal.execution.l1chain;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * What a proposer chooses for a new L1 block; everything else follows from the parent and the
 * transactions.
 *
 * @param parentBeaconBlockRoot the EIP-4788 root (the dev chain has no beacon chain: it uses a hash
 *     derived from the parent, so the beacon roots contract still records something distinct)
 */
public record L1BlockAttributes(
    long timestamp,
    Address coinbase,
    Hash prevRandao,
    long gasLimit,
    Hash parentBeaconBlockRoot,
    Bytes extraData) {
  public L1BlockAttributes {
    Objects.requireNonNull(coinbase);
    Objects.requireNonNull(prevRandao);
    Objects.requireNonNull(parentBeaconBlockRoot);
    Objects.requireNonNull(extraData);
  }
}
