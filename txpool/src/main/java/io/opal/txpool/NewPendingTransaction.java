package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.SignedTransaction;

/** A transaction that just became executable (what {@code newPendingTransactions} streams). */
public record NewPendingTransaction(Hash hash, SignedTransaction transaction, Address sender) {}
