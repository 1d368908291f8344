package io.opal.execution.evm;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;

/** What the interpreter needs of the transaction: ORIGIN, GASPRICE and BLOBHASH. */
public record TxContext(Address origin, UInt256 gasPrice, List<Hash> blobHashes) {}
