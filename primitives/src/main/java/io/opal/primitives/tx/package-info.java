/**
 * Transactions: one record per type under the sealed {@link io.opal.primitives.tx.Transaction}
 * (legacy, EIP-2930, EIP-1559, EIP-4844, EIP-7702 and the OP Stack deposit 0x7E).
 *
 * <ul>
 *   <li>{@link io.opal.primitives.tx.TransactionCodec}: strict envelope and block-body encodings,
 *       and the network form of blob transactions.
 *   <li>{@link io.opal.primitives.tx.Transaction#hash()}, {@link
 *       io.opal.primitives.tx.SignedTransaction#signingHash()} and {@link
 *       io.opal.primitives.tx.Transaction#sender()} (recovered on each call: cache it yourself).
 *   <li>{@link io.opal.primitives.tx.IntrinsicGas} and {@link
 *       io.opal.primitives.tx.TransactionValidator}: the static, per-fork rules shared by the EVM
 *       transaction processor and the txpool.
 *   <li>{@link io.opal.primitives.tx.Authorization}: EIP-7702 tuples and the checks the EVM applies
 *       before honouring one.
 *   <li>{@link io.opal.primitives.tx.TransactionSigner}: deterministic signing for tests, devnet
 *       and benchmarks.
 * </ul>
 */
package io.opal.primitives.tx;
