package io.opal.execution.store;

import io.opal.primitives.tx.Transaction;
import io.opal.storage.TxLocation;

/** A canonical transaction with the block and position that hold it. */
public record LocatedTransaction(Transaction transaction, TxLocation location) {}
