package io.opal.rpc;

import io.opal.primitives.Address;
import io.opal.primitives.block.BlockHeader;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/** Account state after a block, for eth_getBalance, getCode, getStorageAt, getTransactionCount. */
public interface StateReader {
  /** The state after {@code header}'s block; empty when it is not (or no longer) available. */
  Optional<StateView> at(BlockHeader header);

  /** One state root's accounts. Absent accounts read as zero balance, nonce 0, no code. */
  interface StateView {
    UInt256 balance(Address address);

    /** Unsigned 64-bit. */
    long nonce(Address address);

    Bytes code(Address address);

    Bytes32 storage(Address address, Bytes32 slot);
  }
}
